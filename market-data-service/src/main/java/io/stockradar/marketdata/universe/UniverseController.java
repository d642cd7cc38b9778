package io.stockradar.marketdata.universe;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Universes")
class UniverseController {

    private final UniverseService universes;

    UniverseController(UniverseService universes) {
        this.universes = universes;
    }

    @GetMapping("/api/market/universes")
    @Operation(summary = "KOSPI200, KOSDAQ150 and SP500 with their member counts")
    List<UniverseSummary> universes() {
        return universes.summaries();
    }

    @GetMapping("/api/market/universes/{id}")
    @Operation(summary = "One universe with its members")
    UniverseResponse universe(@PathVariable String id) {
        return universes.universe(id);
    }

    /** For agent-service; never routed by the gateway. Same shape as the public one. */
    @GetMapping("/internal/universes/{id}")
    @Operation(summary = "Internal: one universe with its members", tags = "Internal")
    UniverseResponse internalUniverse(@PathVariable String id) {
        return universes.universe(id);
    }
}
