package io.stockradar.agent.engine;

import java.time.LocalDate;
import java.util.List;

/** Sectors of one market ranked strongest first. */
public record SectorTable(String market, LocalDate asOf, List<SectorRow> sectors) {
}
