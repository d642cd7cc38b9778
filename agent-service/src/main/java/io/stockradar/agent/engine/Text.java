package io.stockradar.agent.engine;

/** A human sentence in Korean and English. */
public record Text(String ko, String en) {
}
