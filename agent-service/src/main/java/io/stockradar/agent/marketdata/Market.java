package io.stockradar.agent.marketdata;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A market the screener covers, with its index symbols and default universes. */
public enum Market {
    /** KOSPI and KOSDAQ; secondary index = KOSDAQ composite. */
    KR("^KS11", "^KQ11", List.of(Universe.KOSPI200, Universe.KOSDAQ150), ZoneId.of("Asia/Seoul")),
    /** S&amp;P 500; secondary index = VIX. */
    US("^GSPC", "^VIX", List.of(Universe.SP500), ZoneId.of("America/New_York"));

    private final String benchmark;
    private final String secondary;
    private final List<Universe> defaultUniverses;
    private final ZoneId zone;

    Market(String benchmark, String secondary, List<Universe> defaultUniverses, ZoneId zone) {
        this.benchmark = benchmark;
        this.secondary = secondary;
        this.defaultUniverses = defaultUniverses;
        this.zone = zone;
    }

    /** The exchange's time zone: its trading dates are dates there. */
    public ZoneId zone() {
        return zone;
    }

    public String benchmark() {
        return benchmark;
    }

    public String secondary() {
        return secondary;
    }

    /** The universes whose members form this market's breadth and sector statistics. */
    public List<Universe> defaultUniverses() {
        return defaultUniverses;
    }

    /** {@code KR}/{@code US}, case-insensitive. */
    public static Optional<Market> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The market a Yahoo symbol trades in: {@code .KS}/{@code .KQ} are Korean, everything else American. */
    public static Market ofSymbol(String symbol) {
        String upper = symbol.toUpperCase(Locale.ROOT);
        return upper.endsWith(".KS") || upper.endsWith(".KQ") || upper.equals("^KS11") || upper.equals("^KQ11")
                || upper.equals("^KS200") ? KR : US;
    }

    /** The universe ids of this market. */
    public enum Universe {
        KOSPI200, KOSDAQ150, SP500;

        public Market market() {
            return this == SP500 ? US : KR;
        }

        public static Optional<Universe> parse(String value) {
            if (value == null) {
                return Optional.empty();
            }
            for (Universe universe : values()) {
                if (universe.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                    return Optional.of(universe);
                }
            }
            return Optional.empty();
        }
    }
}
