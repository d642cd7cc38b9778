package io.stockradar.marketdata.search;

import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SecurityType;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecuritySearchTest {

    private static Security kr(String symbol, String ko, String en, double cap) {
        return new Security(symbol, symbol.substring(0, 6), Market.KR, "KOSPI", SecurityType.STOCK, ko, en, null, null,
                null, null, null, cap, null, List.of());
    }

    private static Security us(String symbol, String en) {
        return new Security(symbol, symbol, Market.US, null, SecurityType.STOCK, null, en, null, null, null, null,
                null, null, null, List.of());
    }

    private final SecuritySearch search = searchOver(List.of(
            kr("028260.KS", "삼성물산", "SAMSUNG C&T CORPORATION", 3e13),
            kr("207940.KS", "삼성바이오로직스", "SAMSUNG BIOLOGICS", 7e13),
            kr("005930.KS", "삼성전자", "SAMSUNG ELECTRONICS CO,.LTD", 1.5e15),
            kr("009150.KS", "삼성전기", "SAMSUNG ELECTRO-MECHANICS", 2e13),
            kr("005935.KS", "삼성전자우", "SAMSUNG ELECTRONICS CO,.LTD", 1.4e14),
            kr("000660.KS", "SK하이닉스", "SK hynix Inc.", 1.3e15),
            us("AAPL", "Apple Inc."), us("AAP", "Advance Auto Parts"), us("BRK-B", "Berkshire Hathaway"),
            us("PAPL", "Papal Inc.")));

    private static SecuritySearch searchOver(List<Security> securities) {
        MarketDataProvider provider = Mockito.mock(MarketDataProvider.class);
        Mockito.when(provider.securities()).thenReturn(securities);
        return new SecuritySearch(provider);
    }

    private List<String> symbols(String q) {
        return search.search(q, 10).stream().map(Security::symbol).toList();
    }

    @Test
    void koreanNamePrefixRanksTheLargestCompanyFirst() {
        assertThat(symbols("삼성")).first().isEqualTo("005930.KS");
        assertThat(symbols("삼성")).hasSize(5).doesNotContain("000660.KS");
    }

    @Test
    void englishNameIgnoresCase() {
        assertThat(symbols("Samsung")).first().isEqualTo("005930.KS");
        assertThat(symbols("hynix")).containsExactly("000660.KS");
    }

    @Test
    void exactCodeAndSymbolComeFirst() {
        assertThat(symbols("005930")).first().isEqualTo("005930.KS");
        assertThat(symbols("AAPL")).containsExactly("AAPL");
        assertThat(symbols("pa")).containsExactly("PAPL", "AAP"); // prefix before word prefix ("Parts")
        assertThat(symbols("apl")).containsExactly("AAPL", "PAPL"); // substrings only: by symbol
        assertThat(symbols("aap")).startsWith("AAP", "AAPL");
    }

    @Test
    void shareClassSpellingsMatch() {
        assertThat(symbols("brk")).containsExactly("BRK-B");
        assertThat(symbols("BRK.B")).containsExactly("BRK-B");
    }

    @Test
    void limitsAndIgnoresBlankQueries() {
        assertThat(search.search("삼성", 2)).hasSize(2);
        assertThat(search.search("   ", 10)).isEmpty();
    }
}
