package io.stockradar.marketdata.cache;

import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary form of a {@link DailySeries} in Redis: compact and decoded without a JSON parser (a batch
 * reads hundreds). Layout: version byte, symbol (u16 length + UTF-8), market ordinal byte, bar count,
 * then the columns. A value of another version is treated as a miss.
 */
final class DailySeriesCodec {

    private static final byte VERSION = 1;

    private DailySeriesCodec() {
    }

    static byte[] encode(DailySeries series) {
        byte[] symbol = series.symbol().getBytes(StandardCharsets.UTF_8);
        int n = series.size();
        boolean sharedAdj = series.adjClose() == series.close();
        int size = 1 + 2 + symbol.length + 1 + 1 + 4 + n * 4 + n * 8 * (sharedAdj ? 4 : 5) + n * 8;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(VERSION).putShort((short) symbol.length).put(symbol).put((byte) series.market().ordinal())
                .put((byte) (sharedAdj ? 1 : 0)).putInt(n);
        buffer.asIntBuffer().put(series.days());
        buffer.position(buffer.position() + n * 4);
        for (double[] column : sharedAdj
                ? new double[][] {series.open(), series.high(), series.low(), series.close()}
                : new double[][] {series.open(), series.high(), series.low(), series.close(), series.adjClose()}) {
            buffer.asDoubleBuffer().put(column);
            buffer.position(buffer.position() + n * 8);
        }
        buffer.asLongBuffer().put(series.volume());
        return buffer.array();
    }

    /** @return null when the bytes are not a series of this codec version */
    static DailySeries decode(byte[] bytes) {
        if (bytes == null || bytes.length < 9 || bytes[0] != VERSION) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        byte[] symbol = new byte[buffer.getShort()];
        buffer.get(symbol);
        Market market = Market.values()[buffer.get()];
        boolean sharedAdj = buffer.get() == 1;
        int n = buffer.getInt();
        int[] days = new int[n];
        buffer.asIntBuffer().get(days);
        buffer.position(buffer.position() + n * 4);
        double[][] columns = new double[sharedAdj ? 4 : 5][n];
        for (double[] column : columns) {
            buffer.asDoubleBuffer().get(column);
            buffer.position(buffer.position() + n * 8);
        }
        long[] volume = new long[n];
        buffer.asLongBuffer().get(volume);
        return new DailySeries(new String(symbol, StandardCharsets.UTF_8), market, days, columns[0], columns[1],
                columns[2], columns[3], sharedAdj ? columns[3] : columns[4], volume);
    }
}
