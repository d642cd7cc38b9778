package io.stockradar.agent.engine;

import java.time.LocalDate;
import java.util.List;

/**
 * Reported fundamentals of one company. Every metric is nullable: {@code null} means unknown, never
 * zero. Ratios are plain fractions or percentages exactly as the market-data service reports them;
 * the fundamental agent only ranks them within a sector, so the unit only has to be consistent.
 *
 * @param asOf reporting period the figures come from
 * @param riskFlags disclosure-based risk flags (KR: DART events), never {@code null}
 */
public record Fundamentals(LocalDate asOf, Double marketCap, Double per, Double pbr, Double roe,
        Double operatingMargin, Double debtRatio, Double revenueGrowthYoY, Double operatingIncomeGrowthYoY,
        List<RiskFlag> riskFlags) {

    public Fundamentals {
        riskFlags = riskFlags == null ? List.of() : List.copyOf(riskFlags);
    }
}
