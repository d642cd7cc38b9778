package io.stockradar.agent.engine.indicator;

/**
 * How a recursive average (EMA, Wilder's smoothing) gets its first value.
 *
 * <ul>
 * <li>{@link #SMA}: TA-Lib's convention and Wilder's original: the first value is the simple mean
 * of the first {@code n} inputs, placed at the n-th input; everything before is NaN. The engine
 * uses this everywhere.</li>
 * <li>{@link #FIRST_VALUE}: the first value is the first input itself (ta4j up to 0.17, pandas
 * {@code ewm(adjust=False)}, many charting tools). Kept so that the recursions can be checked
 * bar for bar against those references; the two conventions converge after the warm-up.</li>
 * </ul>
 */
public enum Seeding {
    SMA, FIRST_VALUE
}
