package io.stockradar.marketdata.provider.demo;

import io.stockradar.marketdata.provider.CompanyFigures;
import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Quote;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.Universe;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Serves the bundled dataset of real historical data; the demo market's "today" is its last date. */
class DemoMarketDataProvider implements MarketDataProvider {

    static final String SOURCE = "demo";

    private final DemoDataset dataset;

    DemoMarketDataProvider(DemoDataset dataset) {
        this.dataset = dataset;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public String dataVersion() {
        return dataset.version();
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public Map<Market, LocalDate> asOf() {
        return dataset.asOf();
    }

    @Override
    public Optional<Security> security(String symbol) {
        return Optional.ofNullable(dataset.securities().get(symbol));
    }

    @Override
    public Collection<Security> securities() {
        return dataset.securities().values();
    }

    @Override
    public List<Universe> universes() {
        return List.copyOf(dataset.universes().values());
    }

    @Override
    public Optional<Universe> universe(String id) {
        return Optional.ofNullable(dataset.universes().get(id.toUpperCase(Locale.ROOT)));
    }

    @Override
    public Optional<DailySeries> dailySeries(String symbol) {
        return Optional.ofNullable(dataset.series().get(symbol));
    }

    @Override
    public boolean hasDailySeries(String symbol) {
        return dataset.series().containsKey(symbol);
    }

    /** The last bar's close against the previous bar's close. */
    @Override
    public Optional<Quote> quote(String symbol) {
        return dailySeries(symbol).map(series -> {
            int last = series.size() - 1;
            double price = series.close()[last];
            Double previous = last > 0 ? series.close()[last - 1] : null;
            Double change = previous == null ? null : price - previous;
            Double percent = previous == null ? null : (price - previous) / previous * 100.0;
            LocalDate date = series.date(last);
            return new Quote(symbol, series.market(), price, previous, change, percent, series.volume()[last], date,
                    series.market().closeOf(date));
        });
    }

    @Override
    public Optional<CompanyFigures> companyFigures(String symbol) {
        return Optional.ofNullable(dataset.figures().get(symbol));
    }
}
