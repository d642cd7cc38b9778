package io.stockradar.agent.engine;

/**
 * One piece of evidence that moved an agent's score: a stable machine code, the number behind it
 * and a sentence in Korean and English.
 */
public record Signal(String code, double value, Text text) {
}
