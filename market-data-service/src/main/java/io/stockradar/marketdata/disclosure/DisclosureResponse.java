package io.stockradar.marketdata.disclosure;

import java.time.LocalDate;

/** One element of {@code GET /api/market/companies/{symbol}/disclosures} (API.md: {@code [{receiptNo, date, title, type, riskFlag}]}). */
record DisclosureResponse(String receiptNo, LocalDate date, String title, String type, boolean riskFlag) {
}
