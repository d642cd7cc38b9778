package io.stockradar.history.ingest;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.UserDeletedEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What this consumer requires of an event beyond well-formed JSON. Fields it does not know are ignored;
 * fields it stores must be present and sane, so a bad event is rejected whole (to the dead-letter topic)
 * rather than half stored. Lengths are generous limits against garbage, not business rules.
 */
final class EventContract {

    static final Set<String> GRADES = Set.of("A", "B", "C", "D", "E", "F");
    static final int MAX_RESULTS = 2_000;
    private static final int MAX_ID = 255;
    private static final int MAX_CODE = 64;
    private static final int MAX_SYMBOL = 32;
    private static final int MAX_NAME = 300;

    private EventContract() {
    }

    static List<String> violations(AnalysisCompletedEvent event) {
        List<String> errors = new ArrayList<>();
        required(errors, "eventId", event.eventId());
        if (event.schemaVersion() != AnalysisCompletedEvent.SCHEMA_VERSION) {
            errors.add("schemaVersion must be " + AnalysisCompletedEvent.SCHEMA_VERSION + " but was "
                    + event.schemaVersion());
        }
        required(errors, "occurredAt", event.occurredAt());
        required(errors, "runId", event.runId());
        text(errors, "userId", event.userId(), MAX_ID, true);
        text(errors, "universe", event.universe(), MAX_CODE, true);
        text(errors, "source", event.source(), MAX_CODE, false);
        if (event.regime() != null) {
            text(errors, "regime.market", event.regime().market(), MAX_CODE, false);
            text(errors, "regime.regime", event.regime().regime(), MAX_CODE, false);
            text(errors, "regime.volatility", event.regime().volatility(), MAX_CODE, false);
            finite(errors, "regime.riskAppetite", event.regime().riskAppetite());
        }
        if (event.results().size() > MAX_RESULTS) {
            errors.add("results must not hold more than " + MAX_RESULTS + " entries");
            return errors;
        }
        Set<Integer> ranks = new HashSet<>();
        for (int i = 0; i < event.results().size(); i++) {
            String at = "results[" + i + "]";
            AnalysisCompletedEvent.Result result = event.results().get(i);
            if (result == null) {
                errors.add(at + " must not be null");
                continue;
            }
            if (result.rank() < 1) {
                errors.add(at + ".rank must be at least 1");
            } else if (!ranks.add(result.rank())) {
                errors.add(at + ".rank " + result.rank() + " appears more than once");
            }
            text(errors, at + ".symbol", result.symbol(), MAX_SYMBOL, true);
            text(errors, at + ".name", result.name(), MAX_NAME, false);
            text(errors, at + ".action", result.action(), MAX_CODE, false);
            if (result.grade() == null || !GRADES.contains(result.grade())) {
                errors.add(at + ".grade must be one of A, B, C, D, E, F");
            }
            finite(errors, at + ".composite", result.composite());
            finite(errors, at + ".price", result.price());
            for (Map.Entry<String, AnalysisCompletedEvent.AgentScore> agent : result.agents().entrySet()) {
                if (agent.getKey().isBlank() || agent.getKey().length() > MAX_CODE) {
                    errors.add(at + ".agents has an invalid agent name");
                } else if (agent.getValue() == null) {
                    errors.add(at + ".agents." + agent.getKey() + " must not be null");
                } else {
                    finite(errors, at + ".agents." + agent.getKey() + ".score", agent.getValue().score());
                }
            }
        }
        return errors;
    }

    static List<String> violations(UserDeletedEvent event) {
        List<String> errors = new ArrayList<>();
        required(errors, "eventId", event.eventId());
        text(errors, "userId", event.userId(), MAX_ID, true);
        return errors;
    }

    private static void required(List<String> errors, String field, Object value) {
        if (value == null) {
            errors.add(field + " is required");
        }
    }

    private static void text(List<String> errors, String field, String value, int maxLength, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(field + " is required");
            }
        } else if (value.length() > maxLength) {
            errors.add(field + " must be at most " + maxLength + " characters");
        }
    }

    private static void finite(List<String> errors, String field, Double value) {
        if (value != null && !Double.isFinite(value)) {
            errors.add(field + " must be a finite number");
        }
    }
}
