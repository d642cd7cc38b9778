package io.stockradar.marketdata.dart;

import io.stockradar.marketdata.provider.Disclosure;
import io.stockradar.marketdata.provider.DisclosureSource;
import io.stockradar.marketdata.provider.Security;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Live filings of the last {@code disclosureWindow} from OpenDART's list.json, kept in memory per corp code
 * for {@code disclosureCacheTtl} (filings change a few times a day at most; the DART budget is 10,000 a day).
 */
class DartDisclosureSource implements DisclosureSource {

    private static final int MAX_CACHED = 5_000;

    private record Cached(Disclosures disclosures, java.time.Instant until) {
    }

    private final java.util.Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private final DartClient client;
    private final CorpCodeDirectory corpCodes;
    private final DartProperties properties;
    private final Clock clock;

    DartDisclosureSource(DartClient client, CorpCodeDirectory corpCodes, DartProperties properties, Clock clock) {
        this.client = client;
        this.corpCodes = corpCodes;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String source() {
        return DartClient.SOURCE;
    }

    @Override
    public Disclosures disclosures(Security security) {
        Optional<String> corpCode = corpCodes.corpCode(security);
        if (corpCode.isEmpty()) {
            return new Disclosures(List.of(), security.market() == io.stockradar.marketdata.provider.Market.KR
                    ? "No DART corp code for " + security.symbol() + " (indices and many preferred shares have none)"
                    : "OpenDART covers Korean companies only");
        }
        Cached cached = cache.get(corpCode.get());
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return cached.disclosures();
        }
        Disclosures fresh = load(corpCode.get());
        if (cache.size() >= MAX_CACHED) {
            cache.clear(); // crude bound; the working set (a few hundred KR universe members) stays far below it
        }
        cache.put(corpCode.get(), new Cached(fresh, clock.instant().plus(properties.disclosureCacheTtl())));
        return fresh;
    }

    private Disclosures load(String corpCode) {
        LocalDate to = LocalDate.now(clock.withZone(LocalRateLimiter.DART_ZONE));
        LocalDate from = to.minusDays(properties.disclosureWindow().toDays());
        List<Disclosure> items = client.filings(corpCode, from, to).stream()
                .map(f -> DisclosureTypes.disclosure(f.receiptNo(), f.receiptDate(), f.reportName()))
                .sorted(Comparator.comparing(Disclosure::date, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Disclosure::receiptNo, Comparator.reverseOrder()))
                .toList();
        return new Disclosures(items, items.isEmpty() ? "No DART filings between " + from + " and " + to : null);
    }
}
