package io.stockradar.marketdata.search;

import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SymbolSearchSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local master's search (Korean and English names, codes) first, then, with the live provider, the
 * live search's hits that the master does not have, de-duplicated by symbol, up to {@code limit}. The live
 * search is asked only when the local results leave room, and waited for at most {@code remoteTimeout}: when
 * it fails or is slow the local results stand alone and the answer says so ({@link Results#note()}).
 */
@Service
class CombinedSearch {

    static final String LOCAL = "local";
    private static final Logger log = LoggerFactory.getLogger(CombinedSearch.class);

    /** @param sources the sources that answered; {@code note} says which one did not, else null */
    record Results(List<SearchResult> items, List<String> sources, String note) {
    }

    private final SecuritySearch local;
    private final SymbolSearchSource remote;
    private final SearchProperties properties;
    private final Executor executor = runnable -> Thread.ofVirtual().name("remote-search").start(runnable);

    CombinedSearch(SecuritySearch local, ObjectProvider<SymbolSearchSource> remote, SearchProperties properties) {
        this.local = local;
        this.remote = remote.getIfAvailable();
        this.properties = properties;
    }

    Results search(String query, int limit) {
        List<SearchResult> items = new ArrayList<>(local.search(query, limit).stream().map(CombinedSearch::result)
                .toList());
        if (remote == null || items.size() >= limit) {
            return new Results(items, List.of(LOCAL), null);
        }
        List<SymbolSearchSource.Hit> hits;
        try {
            hits = CompletableFuture.supplyAsync(() -> remote.search(query, limit), executor)
                    .get(properties.remoteTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return localOnly(items, remote.source() + " search did not answer within " + properties.remoteTimeout());
        } catch (ExecutionException e) {
            log.debug("{} search failed: {}", remote.source(), e.getCause().getMessage());
            return localOnly(items, remote.source() + " search unavailable: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return localOnly(items, remote.source() + " search interrupted");
        }
        Set<String> seen = new HashSet<>();
        items.forEach(item -> seen.add(item.symbol().toUpperCase(Locale.ROOT)));
        for (SymbolSearchSource.Hit hit : hits) {
            if (items.size() >= limit) {
                break;
            }
            if (seen.add(hit.symbol().toUpperCase(Locale.ROOT))) {
                items.add(new SearchResult(hit.symbol(), code(hit), hit.name(), null, hit.name(),
                        hit.market() == null ? null : hit.market().name(), hit.exchange(), null, hit.type(),
                        remote.source()));
            }
        }
        return new Results(items, List.of(LOCAL, remote.source()), null);
    }

    private static Results localOnly(List<SearchResult> items, String why) {
        return new Results(items, List.of(LOCAL), why + "; local results only");
    }

    /** The exchange's code: {@code 005930} of {@code 005930.KS}; the symbol elsewhere. */
    private static String code(SymbolSearchSource.Hit hit) {
        String symbol = hit.symbol();
        int dot = symbol.lastIndexOf('.');
        return hit.market() != null && hit.market().name().equals("KR") && dot > 0 ? symbol.substring(0, dot) : symbol;
    }

    private static SearchResult result(Security s) {
        return new SearchResult(s.symbol(), s.code(), s.name(), s.nameKo(), s.nameEn(), s.market().name(),
                s.exchange(), s.sector(), s.type().name(), LOCAL);
    }
}
