package io.stockradar.agent.engine;

/**
 * One sector of the ranked table. Returns are fractions (0.05 = +5%), equal-weighted over the
 * members with enough history; {@code relativeStrength} is the 3-month sector return minus the
 * benchmark's; {@code acceleration} is 1-month RS minus 3-month RS. Rank 1 is the strongest.
 */
public record SectorRow(String sector, double return1m, double return3m, double return6m, double relativeStrength,
        double acceleration, int rank, int members) {
}
