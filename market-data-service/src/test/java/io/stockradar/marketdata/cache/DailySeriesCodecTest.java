package io.stockradar.marketdata.cache;

import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DailySeriesCodecTest {

    @Test
    void roundTripsEveryColumnExactly() {
        double[] close = {123.09603118896484, 124.36566162109375};
        DailySeries series = new DailySeries("BRK-B", Market.US, new int[] {19360, 19361},
                new double[] {128.2238013285794, 124.88729543343348}, new double[] {128.83401111884518, 126.6},
                new double[] {122.21023430585915, 123.1}, close, close, new long[] {112_117_500L, 89_113_600L});
        DailySeries decoded = DailySeriesCodec.decode(DailySeriesCodec.encode(series));
        assertThat(decoded).isEqualTo(series);
        assertThat(decoded.adjClose()).isSameAs(decoded.close());
    }

    @Test
    void keepsADistinctAdjustedClose() {
        DailySeries series = new DailySeries("^KS11", Market.KR, new int[] {1}, new double[] {1}, new double[] {2},
                new double[] {0.5}, new double[] {1.5}, new double[] {1.4}, new long[] {0});
        assertThat(DailySeriesCodec.decode(DailySeriesCodec.encode(series))).isEqualTo(series);
    }

    @Test
    void treatsForeignBytesAsAMiss() {
        assertThat(DailySeriesCodec.decode(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 0, 0})).isNull();
        assertThat(DailySeriesCodec.decode(null)).isNull();
    }
}
