package io.stockradar.marketdata.quote;

import io.stockradar.marketdata.cache.CachedMarketData;
import io.stockradar.marketdata.cache.CachedValue;
import io.stockradar.marketdata.provider.MarketDataProblems;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Quote;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.Symbols;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Quote")
class QuoteController {

    private final CachedMarketData data;
    private final MarketDataProvider provider;

    QuoteController(CachedMarketData data) {
        this.data = data;
        this.provider = data.provider();
    }

    @GetMapping("/api/market/quote/{symbol}")
    @Operation(summary = "Latest price: the last bar's close against the previous close")
    QuoteResponse quote(@PathVariable("symbol") String raw) {
        String symbol = Symbols.require("symbol", raw);
        Security security = provider.security(symbol).orElseThrow(() -> MarketDataProblems.unknownSymbol(symbol));
        CachedValue<Quote> served = data.quoteServed(symbol)
                .orElseThrow(() -> MarketDataProblems.noData(symbol, provider.source()));
        Quote quote = served.value();
        return new QuoteResponse(symbol, security.name(), quote.price(), quote.previousClose(), quote.change(),
                quote.changePercent(), quote.volume(), quote.currency(), quote.marketTime(), provider.source(),
                quote.tradingDate(), served.stale());
    }
}
