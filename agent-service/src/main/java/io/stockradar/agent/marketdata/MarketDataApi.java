package io.stockradar.agent.marketdata;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The JSON shapes of market-data-service's internal API ({@code /internal/**}). */
final class MarketDataApi {

    private MarketDataApi() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UniverseResponse(String id, String name, String market, LocalDate asOf, String source, List<Member> members) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Member(String symbol, String code, String name, String nameKo, String nameEn, String market, String sector,
                  Double marketCap) {
    }

    record BarsRequest(List<String> symbols, int days) {
    }

    /** Columnar daily bars, oldest first; unknown symbols are listed in {@code missing}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BarsResponse(String source, Map<String, LocalDate> asOf, Map<String, Series> series, List<String> missing) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Series(String symbol, String currency, List<LocalDate> dates, List<Double> open, List<Double> high,
                  List<Double> low, List<Double> close, List<Double> adjClose, List<Double> volume) {
    }

    /** {@code asOf}: the analysis date; market-data uses no figure that became public after it (null = latest). */
    record FundamentalsRequest(List<String> symbols, LocalDate asOf) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FundamentalsResponse(String source, Map<String, FundamentalsItem> items, List<String> missing) {
    }

    /**
     * Every number nullable: null means unknown. {@code asOf} is the end of the reporting period of the figures,
     * {@code periodType} {@code TTM} (trailing twelve months), {@code ANNUAL} or {@code INTERIM};
     * {@code availableFrom} when the newest input became public (point-in-time sources only).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FundamentalsItem(String symbol, LocalDate asOf, String periodType, String currency, Double marketCap,
                            Double revenue, Double operatingIncome, Double netIncome, Double roe, Double per,
                            Double pbr, Double operatingMargin, Double debtRatio, Double revenueGrowthYoY,
                            Double operatingIncomeGrowthYoY, List<RiskFlagItem> riskFlags, LocalDate availableFrom) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RiskFlagItem(String code, LocalDate date, String title) {
    }
}
