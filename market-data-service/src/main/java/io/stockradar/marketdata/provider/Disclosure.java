package io.stockradar.marketdata.provider;

import java.time.LocalDate;

/**
 * One regulatory filing of a company (OpenDART {@code list.json} row).
 *
 * @param receiptNo the 14-digit DART receipt number ({@code rcept_no})
 * @param type      a risk event type ({@code RIGHTS_OFFERING}, {@code CONVERTIBLE_BOND}, {@code EXCHANGEABLE_BOND},
 *                  {@code CAPITAL_REDUCTION}, {@code REHABILITATION}, {@code ADMINISTRATIVE_ISSUE}),
 *                  {@code PERIODIC_REPORT}, or {@code OTHER}
 * @param riskFlag  true for the risk event types the fundamental agent lowers its score for
 */
public record Disclosure(String receiptNo, LocalDate date, String title, String type, boolean riskFlag) {
}
