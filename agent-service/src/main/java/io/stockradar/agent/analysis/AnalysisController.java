package io.stockradar.agent.analysis;

import io.stockradar.agent.engine.ScreenerEngine;
import io.stockradar.agent.engine.StockAnalysis;
import io.stockradar.agent.marketdata.AsOf;
import io.stockradar.agent.marketdata.Market;
import io.stockradar.agent.marketdata.MarketContext;
import io.stockradar.agent.marketdata.MarketDataService;
import io.stockradar.agent.marketdata.Symbols;
import io.stockradar.common.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/** Per-stock analysis, within the stock's market universe so sector and fundamental percentiles mean something. */
@RestController
@RequestMapping("/api/analysis")
class AnalysisController {

    private final MarketDataService marketData;
    private final ScreenerEngine engine;
    private final AnalysisCache cache;

    AnalysisController(MarketDataService marketData, ScreenerEngine engine, AnalysisCache cache) {
        this.marketData = marketData;
        this.engine = engine;
        this.cache = cache;
    }

    @Operation(summary = "Five-agent analysis of one stock (Yahoo symbol, e.g. 005930.KS, AAPL), "
            + "optionally as of a past trading date (asOf, ISO date; default: the latest data)")
    @GetMapping("/{symbol}")
    AnalysisResponse analyze(@PathVariable String symbol, @RequestParam(required = false) String asOf) {
        LocalDate date = AsOf.parse(asOf);
        String normalized = Symbols.normalize(symbol);
        if (!Symbols.isEquity(normalized)) {
            throw ApiProblem.badRequest("symbol", "must be a Yahoo equity symbol such as 005930.KS, 035720.KQ or AAPL");
        }
        Market market = Market.ofSymbol(normalized);
        MarketContext marketContext = marketData.context(market, date);
        MarketContext context = marketContext;
        if (!context.contains(normalized)) {
            context = marketData.withSymbols(context, List.of(normalized));
        }
        if (!context.contains(normalized)) {
            throw ApiProblem.notFound("No market data for symbol " + normalized);
        }
        MarketContext data = context;
        return cache.get(normalized, data.dataAsOf(), data.pointInTime(), data.source(), () -> {
            // a symbol outside the default universes is analysed among them, under the market's regime as
            // GET /api/market/regime reports it (breadth over the default universes only)
            StockAnalysis analysis = engine.analyzeOne(data.input(), marketContext.input(), normalized);
            return AnalysisResponse.of(analysis, data.dataAsOf(), data.source());
        });
    }
}
