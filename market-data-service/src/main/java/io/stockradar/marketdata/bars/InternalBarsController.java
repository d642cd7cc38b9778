package io.stockradar.marketdata.bars;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** For agent-service; never routed by the gateway. */
@RestController
@Tag(name = "Internal")
class InternalBarsController {

    private final BarsService bars;

    InternalBarsController(BarsService bars) {
        this.bars = bars;
    }

    @PostMapping("/internal/bars")
    @Operation(summary = "Trailing daily bars of up to 1000 symbols as columns, oldest first")
    InternalBarsResponse bars(@Valid @RequestBody InternalBarsRequest request) {
        return bars.columns(request.symbols(), request.daysOrDefault());
    }
}
