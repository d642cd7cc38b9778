package io.stockradar.marketdata.disclosure;

import io.stockradar.marketdata.cache.CachedMarketData;
import io.stockradar.marketdata.provider.DisclosureSource;
import io.stockradar.marketdata.provider.MarketDataProblems;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.Symbols;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.util.List;

/**
 * Company filings as API.md defines them: a bare array. What a body of that shape cannot carry goes in
 * headers: {@code X-Stockradar-Source} ({@code dart} live, {@code demo} recorded) and, when the list is
 * empty or recorded, {@code X-Stockradar-Note} (URL-encoded UTF-8).
 */
@RestController
@Tag(name = "Financials")
class DisclosureController {

    static final String SOURCE_HEADER = "X-Stockradar-Source";
    static final String NOTE_HEADER = "X-Stockradar-Note";

    private final CachedMarketData data;
    private final DisclosureSource disclosures;

    DisclosureController(CachedMarketData data, DisclosureSource disclosures) {
        this.data = data;
        this.disclosures = disclosures;
    }

    @GetMapping("/api/market/companies/{symbol}/disclosures")
    @Operation(summary = "DART filings of a KR company, newest first, with risk events flagged; empty for US and indices")
    ResponseEntity<List<DisclosureResponse>> disclosures(@PathVariable("symbol") String raw) {
        String symbol = Symbols.require("symbol", raw);
        Security security = data.provider().security(symbol)
                .orElseThrow(() -> MarketDataProblems.unknownSymbol(symbol));
        DisclosureSource.Disclosures result = security.market() == Market.KR
                ? disclosures.disclosures(security)
                : new DisclosureSource.Disclosures(List.of(), "OpenDART covers Korean companies only");
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().header(SOURCE_HEADER, disclosures.source());
        if (result.note() != null) {
            response.header(NOTE_HEADER, URLEncoder.encode(result.note(), StandardCharsets.UTF_8));
        }
        return response.body(result.items().stream()
                .map(d -> new DisclosureResponse(d.receiptNo(), d.date(), d.title(), d.type(), d.riskFlag()))
                .toList());
    }
}
