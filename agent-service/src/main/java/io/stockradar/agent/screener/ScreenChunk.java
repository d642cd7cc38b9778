package io.stockradar.agent.screener;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One message of {@value ScreenerKafkaConfig#SCREEN_REQUESTED_V1}: a slice of a prepared run for any instance
 * of the {@value ScreenerKafkaConfig#CONSUMER_GROUP} group to analyse. The run row (request, filters, sort)
 * stays the source of truth; the message names only the work.
 *
 * @param chunkNo    0-based; unique within the run (the chunk result's idempotency key)
 * @param chunkCount chunks of the run; the one storing the last of them completes the run
 * @param market     {@code KR} or {@code US}: every symbol of a chunk belongs to one market
 * @param universe   the run's universe, or {@code null} for a symbol list
 * @param symbols    the symbols to analyse, already pre-filtered and known to have data
 * @param dataAsOf   the market's data date the run was prepared with
 */
record ScreenChunk(UUID runId, int chunkNo, int chunkCount, String market, String universe, List<String> symbols,
                   LocalDate dataAsOf) {
}
