/**
 * The five-agent screener engine: pure functions of market data, no Spring, no I/O.
 *
 * <p>Entry point: {@link io.stockradar.agent.engine.ScreenerEngine} with
 * {@link io.stockradar.agent.engine.EngineSettings}. Input: a
 * {@link io.stockradar.agent.engine.MarketInput} (benchmark, secondary index, universe of
 * {@link io.stockradar.agent.engine.Stock}s with daily {@link io.stockradar.agent.engine.PriceSeries}
 * and optional {@link io.stockradar.agent.engine.Fundamentals}). Output: a
 * {@link io.stockradar.agent.engine.RegimeAssessment}, a ranked
 * {@link io.stockradar.agent.engine.SectorTable} and per-stock
 * {@link io.stockradar.agent.engine.StockAnalysis} with every agent's
 * {@link io.stockradar.agent.engine.AgentResult}.
 *
 * <p>Agents (package-private): {@code MarketRegimeAgent}, {@code SectorScoutAgent},
 * {@code TechnicalAnalystAgent}, {@code FundamentalAnalystAgent}, {@code RiskManagerAgent}; the
 * {@code Synthesizer} combines them. Each class documents its exact scoring rules. Every agent
 * score is {@code 50 + 50 · Σ wᵢ·sᵢ / Σ wᵢ} over components {@code sᵢ ∈ [−1, 1]} (the sector and
 * fundamental agents use percentiles instead), so every signal's contribution in points is exact
 * and the rationale can name the three that mattered most. Scores are rounded to 2 decimals.
 * Indicators live in {@link io.stockradar.agent.engine.indicator.Indicators}.
 */
package io.stockradar.agent.engine;
