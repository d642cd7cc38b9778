package io.stockradar.agent.analysis;

import io.stockradar.agent.engine.Signal;

import java.util.List;

/**
 * One signal that moved an agent's score: machine code, its number and a sentence in Korean and English.
 * A non-finite value is reported as {@code null}, never as a fake number.
 */
public record SignalResponse(String code, Double value, TextResponse text) {

    public static SignalResponse of(Signal signal) {
        double value = signal.value();
        return new SignalResponse(signal.code(), Double.isFinite(value) ? value : null, TextResponse.of(signal.text()));
    }

    public static List<SignalResponse> of(List<Signal> signals) {
        return signals == null ? List.of() : signals.stream().map(SignalResponse::of).toList();
    }
}
