package io.stockradar.marketdata.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Search")
class SearchController {

    private final SecuritySearch search;

    SearchController(SecuritySearch search) {
        this.search = search;
    }

    @GetMapping("/api/market/search")
    @Operation(summary = "Securities by symbol, KRX code, Korean or English name, best match first")
    List<SearchResult> search(@RequestParam @NotBlank @Size(max = 100) String q,
                              @RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit) {
        return search.search(q, limit).stream()
                .map(s -> new SearchResult(s.symbol(), s.code(), s.name(), s.nameKo(), s.nameEn(), s.market().name(),
                        s.exchange(), s.sector(), s.type().name()))
                .toList();
    }
}
