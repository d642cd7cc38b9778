package io.stockradar.marketdata.bars;

import io.stockradar.common.problem.ApiProblem;
import io.stockradar.marketdata.provider.Symbols;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/market/bars")
@Tag(name = "Bars", description = "Daily and weekly OHLCV bars")
class BarsController {

    private final BarsService bars;

    BarsController(BarsService bars) {
        this.bars = bars;
    }

    @GetMapping("/{symbol}")
    @Operation(summary = "Bars of one symbol over a range (1mo..max), daily or weekly")
    BarsResponse bars(@PathVariable String symbol, @RequestParam(defaultValue = "1y") String range,
                      @RequestParam(defaultValue = "1d") String interval) {
        return bars.bars(Symbols.require("symbol", symbol), range(range), interval(interval));
    }

    @PostMapping
    @Operation(summary = "Bars of up to 1000 symbols; unknown symbols or symbols without data are listed in missing")
    BarsBatchResponse batch(@Valid @RequestBody BarsBatchRequest request) {
        return bars.batch(request.symbols(), range(request.range() == null ? "1y" : request.range()),
                interval(request.interval() == null ? "1d" : request.interval()));
    }

    private static BarRange range(String value) {
        try {
            return BarRange.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("range", "must be one of 1mo, 3mo, 6mo, 1y, 2y, 5y, max");
        }
    }

    private static BarInterval interval(String value) {
        try {
            return BarInterval.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("interval", "must be 1d or 1wk");
        }
    }
}
