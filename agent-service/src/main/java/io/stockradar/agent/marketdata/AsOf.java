package io.stockradar.agent.marketdata;

import io.stockradar.common.problem.ApiProblem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The {@code asOf} parameter of an analysis or a screener run (issue 18): an ISO date, absent = the latest data. */
public final class AsOf {

    private AsOf() {
    }

    /** {@code null} for an absent or blank value; a 400 problem naming {@code asOf} for anything but an ISO date. */
    public static LocalDate parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("asOf", "must be an ISO date (YYYY-MM-DD), was '" + value + "'");
        }
    }
}
