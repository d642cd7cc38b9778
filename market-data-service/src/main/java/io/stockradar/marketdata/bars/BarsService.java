package io.stockradar.marketdata.bars;

import io.stockradar.marketdata.cache.CachedMarketData;
import io.stockradar.marketdata.cache.CachedValue;
import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.MarketDataProblems;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.Symbols;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

@Service
class BarsService {

    private final CachedMarketData data;
    private final MarketDataProvider provider;

    BarsService(CachedMarketData data) {
        this.data = data;
        this.provider = data.provider();
    }

    BarsResponse bars(String symbol, BarRange range, BarInterval interval) {
        Security security = provider.security(symbol).orElseThrow(() -> MarketDataProblems.unknownSymbol(symbol));
        CachedValue<DailySeries> served = data.dailySeriesServed(symbol)
                .orElseThrow(() -> MarketDataProblems.noData(symbol, provider.source()));
        return new BarsResponse(symbol, security.name(), security.currency(), range.value(), interval.value(),
                provider.source(), provider.asOf().get(security.market()), served.stale(),
                bars(served.value(), range, interval));
    }

    BarsBatchResponse batch(List<String> rawSymbols, BarRange range, BarInterval interval) {
        List<String> symbols = normalize(rawSymbols);
        Map<String, DailySeries> found = data.dailySeries(symbols);
        Map<String, List<Bar>> series = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String symbol : symbols) {
            DailySeries s = found.get(symbol);
            if (s == null) {
                missing.add(symbol);
            } else {
                series.put(symbol, bars(s, range, interval));
            }
        }
        return new BarsBatchResponse(provider.source(), provider.asOf(), range.value(), interval.value(), series,
                missing);
    }

    InternalBarsResponse columns(List<String> rawSymbols, int days) {
        List<String> symbols = normalize(rawSymbols);
        Map<String, DailySeries> found = data.dailySeries(symbols);
        Map<String, InternalBarsResponse.Columns> series = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String symbol : symbols) {
            DailySeries s = found.get(symbol);
            if (s == null) {
                missing.add(symbol);
                continue;
            }
            int from = Math.max(0, s.size() - days);
            int to = s.size();
            List<LocalDate> dates = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                dates.add(s.date(i));
            }
            series.put(symbol, new InternalBarsResponse.Columns(symbol, s.currency(), dates,
                    Arrays.copyOfRange(s.open(), from, to), Arrays.copyOfRange(s.high(), from, to),
                    Arrays.copyOfRange(s.low(), from, to), Arrays.copyOfRange(s.close(), from, to),
                    Arrays.copyOfRange(s.adjClose(), from, to), Arrays.copyOfRange(s.volume(), from, to)));
        }
        return new InternalBarsResponse(provider.source(), provider.asOf(), series, missing);
    }

    static List<Bar> bars(DailySeries series, BarRange range, BarInterval interval) {
        if (series.isEmpty()) {
            return List.of();
        }
        int from = series.indexOnOrAfter(range.firstDate(series.lastDate()));
        return interval == BarInterval.WEEKLY
                ? WeeklyBars.weekly(series, from, series.size())
                : WeeklyBars.daily(series, from, series.size());
    }

    private static List<String> normalize(List<String> symbols) {
        return new ArrayList<>(new LinkedHashSet<>(symbols.stream().map(Symbols::normalize).toList()));
    }
}
