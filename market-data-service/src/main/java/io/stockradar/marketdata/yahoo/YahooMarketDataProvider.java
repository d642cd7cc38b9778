package io.stockradar.marketdata.yahoo;

import io.stockradar.marketdata.provider.CompanyFigures;
import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Quote;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SecurityMaster;
import io.stockradar.marketdata.provider.Universe;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Live prices from Yahoo Finance; securities, universes and company figures from the bundled security
 * master. Only symbols of the master are fetched (an unknown symbol is a 404 before any upstream call,
 * and nobody can spend our Yahoo budget on arbitrary strings). Upstream failures surface as
 * {@code UpstreamUnavailableException}, which the cache answers with the last good value.
 */
class YahooMarketDataProvider implements MarketDataProvider {

    private final YahooClient client;
    private final SecurityMaster master;
    private final YahooProperties properties;
    private final Clock clock;

    YahooMarketDataProvider(YahooClient client, SecurityMaster master, YahooProperties properties, Clock clock) {
        this.client = client;
        this.master = master;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String source() {
        return YahooClient.SOURCE;
    }

    /** Live data has no version of its own; the master's version still separates key spaces of two masters. */
    @Override
    public String dataVersion() {
        return "live-" + master.version();
    }

    @Override
    public boolean live() {
        return true;
    }

    /** Today in each market's zone (the live market's "today"; on a holiday the last bar is older). */
    @Override
    public Map<Market, LocalDate> asOf() {
        Map<Market, LocalDate> asOf = new EnumMap<>(Market.class);
        for (Market market : Market.values()) {
            asOf.put(market, LocalDate.now(clock.withZone(market.zone())));
        }
        return asOf;
    }

    @Override
    public Optional<Security> security(String symbol) {
        return master.security(symbol);
    }

    @Override
    public Collection<Security> securities() {
        return master.securities();
    }

    @Override
    public List<Universe> universes() {
        return master.universes();
    }

    @Override
    public Optional<Universe> universe(String id) {
        return master.universe(id);
    }

    @Override
    public Optional<DailySeries> dailySeries(String symbol) {
        Optional<Security> security = master.security(symbol);
        if (security.isEmpty()) {
            return Optional.empty();
        }
        return client.chart(symbol, properties.dailyRange(), "1d")
                .map(chart -> chart.toSeries(symbol, security.get().market()))
                .filter(series -> !series.isEmpty());
    }

    /** Every security of the master may have Yahoo bars; asking would cost one upstream call each. */
    @Override
    public boolean hasDailySeries(String symbol) {
        return master.security(symbol).isPresent();
    }

    @Override
    public Optional<Quote> quote(String symbol) {
        Optional<Security> security = master.security(symbol);
        if (security.isEmpty()) {
            return Optional.empty();
        }
        Market market = security.get().market();
        YahooQuote q = client.quotes(List.of(symbol)).get(symbol);
        if (q == null || q.price() == null || q.marketTime() == null) {
            return Optional.empty();
        }
        OffsetDateTime marketTime = q.marketTime().atZone(market.zone()).toOffsetDateTime();
        Double change = q.change() != null ? q.change()
                : q.previousClose() == null ? null : q.price() - q.previousClose();
        Double percent = q.changePercent() != null ? q.changePercent()
                : change == null || q.previousClose() == null || q.previousClose() == 0 ? null
                : change / q.previousClose() * 100.0;
        return Optional.of(new Quote(symbol, market, q.price(), q.previousClose(), change, percent,
                q.volume() == null ? 0L : q.volume(), marketTime.toLocalDate(), marketTime));
    }

    @Override
    public Optional<CompanyFigures> companyFigures(String symbol) {
        return master.companyFigures(symbol);
    }
}
