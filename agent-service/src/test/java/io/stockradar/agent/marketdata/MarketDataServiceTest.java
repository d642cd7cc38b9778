package io.stockradar.agent.marketdata;

import io.stockradar.agent.engine.PriceSeries;
import io.stockradar.agent.marketdata.MarketDataApi.Series;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MarketDataServiceTest {

    @Test
    void usesTheAdjustedCloseAndScalesTheRangeByTheSameFactor() {
        Series series = new Series("AAPL", "USD",
                List.of(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3)),
                List.of(100.0, 50.0), List.of(110.0, 55.0), List.of(90.0, 45.0), List.of(100.0, 50.0),
                List.of(50.0, 50.0), List.of(1000.0, 2000.0));

        PriceSeries prices = MarketDataService.priceSeries(series);

        assertThat(prices.close()).containsExactly(50.0, 50.0);
        assertThat(prices.open()[0]).isCloseTo(50.0, within(1e-9));
        assertThat(prices.high()[0]).isCloseTo(55.0, within(1e-9));
        assertThat(prices.low()[0]).isCloseTo(45.0, within(1e-9));
        assertThat(prices.high()[1]).isCloseTo(55.0, within(1e-9));
        assertThat(prices.volume()).containsExactly(1000.0, 2000.0);
        assertThat(prices.epochDays()).containsExactly((int) LocalDate.of(2024, 1, 2).toEpochDay(),
                (int) LocalDate.of(2024, 1, 3).toEpochDay());
    }

    @Test
    void dropsBarsWithMissingPricesInsteadOfFillingThem() {
        Series series = new Series("005930.KS", "KRW",
                Arrays.asList(LocalDate.of(2025, 6, 12), LocalDate.of(2025, 6, 13), LocalDate.of(2025, 6, 16)),
                Arrays.asList(1.0, null, 3.0), Arrays.asList(1.0, 2.0, 3.0), Arrays.asList(1.0, 2.0, 3.0),
                Arrays.asList(1.0, 2.0, 3.0), null, Arrays.asList(10.0, 20.0, null));

        PriceSeries prices = MarketDataService.priceSeries(series);

        assertThat(prices.length()).isEqualTo(2);
        assertThat(prices.close()).containsExactly(1.0, 3.0);
        assertThat(prices.lastDate()).isEqualTo(LocalDate.of(2025, 6, 16));
        assertThat(prices.volume()).containsExactly(10.0, 0.0);
    }

    @Test
    void mapsKoreanAndOtherSymbolsToTheirMarket() {
        assertThat(Market.ofSymbol("005930.KS")).isEqualTo(Market.KR);
        assertThat(Market.ofSymbol("035720.kq")).isEqualTo(Market.KR);
        assertThat(Market.ofSymbol("BRK-B")).isEqualTo(Market.US);
        assertThat(Market.parse("us")).contains(Market.US);
        assertThat(Market.parse("JP")).isEmpty();
    }
}
