package io.stockradar.agent.market;

import io.stockradar.agent.engine.ScreenerEngine;
import io.stockradar.agent.marketdata.Market;
import io.stockradar.agent.marketdata.MarketContext;
import io.stockradar.agent.marketdata.MarketDataService;
import io.stockradar.common.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Market regime and sector ranking, over the market's default universes (KR: KOSPI 200 ∪ KOSDAQ 150;
 * US: S&amp;P 500).
 */
@RestController
@RequestMapping("/api/market")
class MarketController {

    private final MarketDataService marketData;
    private final ScreenerEngine engine;

    MarketController(MarketDataService marketData, ScreenerEngine engine) {
        this.marketData = marketData;
        this.engine = engine;
    }

    @Operation(summary = "Market regime (BULL/NEUTRAL/BEAR), volatility, risk appetite and the evidence")
    @GetMapping("/regime")
    RegimeResponse regime(@RequestParam String market) {
        MarketContext context = marketData.context(parse(market));
        return RegimeResponse.of(engine.assessRegime(context.input()), context.source());
    }

    @Operation(summary = "Sectors of the market ranked by relative strength")
    @GetMapping("/sectors")
    SectorsResponse sectors(@RequestParam String market) {
        MarketContext context = marketData.context(parse(market));
        return SectorsResponse.of(engine.rankSectors(context.input()), context.source());
    }

    private static Market parse(String market) {
        return Market.parse(market).orElseThrow(() -> ApiProblem.badRequest("market", "must be KR or US"));
    }
}
