package io.stockradar.marketdata.provider;

/**
 * Where a company's filings come from: OpenDART live ({@code dart}) or the recorded DART responses bundled
 * for the demo ({@code demo}).
 */
public interface DisclosureSource {

    /** The {@code source} the disclosure responses carry. */
    String source();

    /**
     * Filings of a KR security, newest first; an empty list with a note when there are none (never invented).
     *
     * @throws UpstreamUnavailableException when the live source cannot answer (rate limit, misconfiguration)
     */
    Disclosures disclosures(Security security);

    /** @param note why the list is empty or partial; null when there is nothing to say */
    record Disclosures(java.util.List<Disclosure> items, String note) {

        public Disclosures {
            items = java.util.List.copyOf(items);
        }
    }
}
