package io.stockradar.agent.engine;

import java.time.LocalDate;

/** A disclosure that signals risk, e.g. a rights offering or a convertible bond issue. */
public record RiskFlag(String code, LocalDate date, String title) {
}
