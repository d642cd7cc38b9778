package io.stockradar.marketdata.dart;

import io.stockradar.marketdata.provider.Disclosure;
import io.stockradar.marketdata.provider.DisclosureSource;
import io.stockradar.marketdata.provider.Security;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo disclosures: the real OpenDART list.json responses recorded by others and bundled in
 * {@code dart-recorded/} (provenance in its SOURCES.md). A company appears only if a recording has its
 * filings; otherwise the list is empty with a note. Nothing is invented.
 */
class RecordedDisclosureSource implements DisclosureSource {

    static final String SOURCE = "demo";

    private final Map<String, List<DartFiling>> byStockCode = new LinkedHashMap<>();
    private final Map<String, List<DartFiling>> byCorpCode = new LinkedHashMap<>();

    RecordedDisclosureSource(ResourcePatternResolver resources, JsonMapper json, String location) {
        try {
            for (Resource resource : resources.getResources(location + "list-*.json")) {
                try (InputStream in = resource.getInputStream()) {
                    JsonNode root = json.readTree(in);
                    if (!"000".equals(root.path("status").asString())) {
                        continue;
                    }
                    for (DartFiling filing : DartClient.filingsOf(root)) {
                        if (!filing.stockCode().isEmpty()) {
                            byStockCode.computeIfAbsent(filing.stockCode(), k -> new ArrayList<>()).add(filing);
                        }
                        byCorpCode.computeIfAbsent(filing.corpCode(), k -> new ArrayList<>()).add(filing);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the recorded DART responses at " + location, e);
        }
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public Disclosures disclosures(Security security) {
        Map<String, DartFiling> filings = new LinkedHashMap<>();
        byStockCode.getOrDefault(security.code(), List.of()).forEach(f -> filings.putIfAbsent(f.receiptNo(), f));
        if (security.dartCorpCode() != null) {
            byCorpCode.getOrDefault(security.dartCorpCode(), List.of()).forEach(f -> filings.putIfAbsent(f.receiptNo(), f));
        }
        if (filings.isEmpty()) {
            return new Disclosures(List.of(), "The demo data has no recorded DART filings for " + security.symbol()
                    + "; live OpenDART is off (DART_ENABLED=false)");
        }
        List<Disclosure> items = filings.values().stream()
                .map(f -> DisclosureTypes.disclosure(f.receiptNo(), f.receiptDate(), f.reportName()))
                .sorted(Comparator.comparing(Disclosure::date, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Disclosure::receiptNo, Comparator.reverseOrder()))
                .toList();
        return new Disclosures(items, "Recorded OpenDART responses (snapshots of " + items.getLast().date() + " .. "
                + items.getFirst().date() + "), not a live feed");
    }
}
