package io.stockradar.marketdata.provider;

import java.time.LocalDate;
import java.util.List;

/**
 * An index universe.
 *
 * @param asOf    the date of the membership list
 * @param symbols members in the source's order (KR: by market cap)
 */
public record Universe(String id, String name, Market market, LocalDate asOf, List<String> symbols) {

    public Universe {
        symbols = List.copyOf(symbols);
    }
}
