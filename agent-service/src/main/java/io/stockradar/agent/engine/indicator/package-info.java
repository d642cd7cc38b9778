/**
 * Technical indicators over primitive {@code double[]} arrays (oldest first, NaN during warm-up),
 * TA-Lib conventions by default (EMA and Wilder smoothing seeded with the SMA), verified against
 * ta4j 0.17 on real series in the tests.
 */
package io.stockradar.agent.engine.indicator;
