package io.stockradar.marketdata.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The body is the bare array API.md specifies; which sources answered is in {@code X-Stockradar-Source}
 * ({@code local} or {@code local,yahoo}), and when the live search failed {@code X-Stockradar-Note} says so
 * (URL-encoded, as for disclosures).
 */
@RestController
@Tag(name = "Search")
class SearchController {

    static final String SOURCE_HEADER = "X-Stockradar-Source";
    static final String NOTE_HEADER = "X-Stockradar-Note";

    private final CombinedSearch search;

    SearchController(CombinedSearch search) {
        this.search = search;
    }

    @GetMapping("/api/market/search")
    @Operation(summary = "Securities by symbol, KRX code, Korean or English name, best match first; with the "
            + "yahoo provider, Yahoo's hits the master lacks follow (source=yahoo)")
    ResponseEntity<List<SearchResult>> search(@RequestParam @NotBlank @Size(max = 100) String q,
                                              @RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit) {
        CombinedSearch.Results results = search.search(q, limit);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().header(SOURCE_HEADER,
                String.join(",", results.sources()));
        if (results.note() != null) {
            response.header(NOTE_HEADER, URLEncoder.encode(results.note(), StandardCharsets.UTF_8));
        }
        return response.body(results.items());
    }
}
