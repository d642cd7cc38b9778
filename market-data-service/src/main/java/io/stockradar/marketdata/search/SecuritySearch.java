package io.stockradar.marketdata.search;

import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Security;
import org.springframework.stereotype.Service;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds securities by symbol, code, Korean or English name. Ranking: an exact symbol or code first, then
 * an exact name, then a prefix of symbol, code or name (or of a word of the English name), then a
 * substring anywhere; ties go to the larger market cap, then the symbol. Case, width, spaces and the
 * {@code .}/{@code -} of share classes are ignored ({@code brk.b} finds {@code BRK-B}).
 */
@Service
class SecuritySearch {

    private static final Comparator<Entry> ORDER = Comparator.<Entry>comparingDouble(e -> -e.marketCap)
            .thenComparing(e -> e.security.symbol());

    private final List<Entry> entries;

    SecuritySearch(MarketDataProvider provider) {
        this.entries = provider.securities().stream().map(Entry::new).toList();
    }

    List<Security> search(String query, int limit) {
        String q = normalize(query);
        if (q.isEmpty()) {
            return List.of();
        }
        List<Ranked> hits = new ArrayList<>();
        for (Entry entry : entries) {
            int rank = entry.rank(q);
            if (rank >= 0) {
                hits.add(new Ranked(rank, entry));
            }
        }
        hits.sort(Comparator.comparingInt(Ranked::rank).thenComparing(Ranked::entry, ORDER));
        return hits.stream().limit(limit).map(r -> r.entry().security).toList();
    }

    static String normalize(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '.' || c == '-') {
                out.append('-');
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private record Ranked(int rank, Entry entry) {
    }

    private static final class Entry {
        final Security security;
        final String symbol;
        final String code;
        final String nameKo;
        final String nameEn;
        final List<String> enWords;
        final double marketCap;

        Entry(Security security) {
            this.security = security;
            this.symbol = normalize(security.symbol());
            this.code = normalize(security.code());
            this.nameKo = normalize(security.nameKo());
            this.nameEn = normalize(security.nameEn());
            this.enWords = security.nameEn() == null ? List.of()
                    : List.of(security.nameEn().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}&]+"));
            this.marketCap = security.marketCap() == null ? 0 : security.marketCap();
        }

        /** 0 exact symbol/code, 1 exact name, 2 prefix, 3 word prefix, 4 substring, -1 no match. */
        int rank(String q) {
            if (symbol.equals(q) || code.equals(q)) {
                return 0;
            }
            if (nameKo.equals(q) || nameEn.equals(q)) {
                return 1;
            }
            if (symbol.startsWith(q) || code.startsWith(q) || nameKo.startsWith(q) || nameEn.startsWith(q)) {
                return 2;
            }
            for (String word : enWords) {
                if (!word.isEmpty() && word.startsWith(q)) {
                    return 3;
                }
            }
            if (symbol.contains(q) || nameKo.contains(q) || nameEn.contains(q)) {
                return 4;
            }
            return -1;
        }
    }
}
