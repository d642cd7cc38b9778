package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.provider.Symbols;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Financials")
class FinancialsController {

    private final FinancialsService financials;

    FinancialsController(FinancialsService financials) {
        this.financials = financials;
    }

    @GetMapping("/api/market/companies/{symbol}/financials")
    @Operation(summary = "Company figures with their reporting period; 200 with empty items and a note when the data has none")
    FinancialsResponse financials(@PathVariable String symbol) {
        return financials.financials(Symbols.require("symbol", symbol));
    }

    /** For agent-service; never routed by the gateway. */
    @PostMapping("/internal/fundamentals")
    @Operation(summary = "Internal: fundamentals of up to 1000 symbols as known on asOf (default: latest); symbols without figures are in missing", tags = "Internal")
    FundamentalsResponse fundamentals(@Valid @RequestBody FundamentalsRequest request) {
        return financials.fundamentals(request.symbols(), request.asOf());
    }
}
