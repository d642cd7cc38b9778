package io.stockradar.agent.engine.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stockradar.agent.engine.Bars;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed reference values (ta4j 0.17 tests, GOLD weekly spreadsheets, TA-Lib conventions)
 * and edge cases.
 */
class IndicatorsTest {

    private static final double[] RSI_CLOSES = {50.45, 50.30, 50.20, 50.15, 50.05, 50.06, 50.10, 50.08, 50.03, 50.07,
            50.01, 50.14, 50.22, 50.43, 50.50, 50.56, 50.52, 50.70, 50.55, 50.62, 50.90, 50.82, 50.86, 51.20, 51.30,
            51.10};

    @Nested
    class ReferenceValues {

        @Test
        void rsi14OfTheTa4jHandSeriesWithFirstValueSeeding() {
            double[] expected = {68.4746, 64.7836, 72.0776, 60.7800, 63.6439, 72.3433, 67.3822, 68.5438, 76.2770,
                    77.9908, 67.4895};
            double[] rsi = Indicators.rsi(RSI_CLOSES, 14, Seeding.FIRST_VALUE);
            for (int i = 0; i < expected.length; i++) {
                assertThat(rsi[15 + i]).as("RSI14[%d]", 15 + i).isCloseTo(expected[i], within(1e-4));
            }
        }

        @Test
        void rsi14WithWilderSeedingStartsAtBar14WithTheMeanGainAndLoss() {
            double gain = 0;
            double loss = 0;
            for (int i = 1; i <= 14; i++) {
                double d = RSI_CLOSES[i] - RSI_CLOSES[i - 1];
                gain += Math.max(d, 0);
                loss += Math.max(-d, 0);
            }
            double[] rsi = Indicators.rsi(RSI_CLOSES, 14);
            assertThat(Arrays.copyOfRange(rsi, 0, 14)).containsOnly(Double.NaN);
            assertThat(rsi[14]).isCloseTo(100 - 100 / (1 + gain / loss), within(1e-9));
            double d15 = RSI_CLOSES[15] - RSI_CLOSES[14];
            double g15 = (gain / 14 * 13 + Math.max(d15, 0)) / 14;
            double l15 = (loss / 14 * 13 + Math.max(-d15, 0)) / 14;
            assertThat(rsi[15]).isCloseTo(100 - 100 / (1 + g15 / l15), within(1e-9));
        }

        @Test
        void ema10OfTheTa4jHandSeriesWithFirstValueSeeding() {
            double[] closes = {64.75, 63.79, 63.73, 63.73, 63.55, 63.19, 63.91, 63.85, 62.95, 63.37, 61.33, 61.51};
            double[] ema = Indicators.ema(closes, 10, Seeding.FIRST_VALUE);
            assertThat(ema[9]).isCloseTo(63.6948, within(1e-4));
            assertThat(ema[10]).isCloseTo(63.2648, within(1e-4));
            assertThat(ema[11]).isCloseTo(62.9457, within(1e-4));
        }

        @Test
        void emaIsSeededWithTheSmaOfTheFirstNValues() {
            // alpha = 2 / (3 + 1) = 0.5; seed = (1 + 2 + 3) / 3 = 2 at index 2
            double[] ema = Indicators.ema(new double[] {1, 2, 3, 4, 5, 1}, 3);
            assertThat(ema[0]).isNaN();
            assertThat(ema[1]).isNaN();
            assertThat(Arrays.copyOfRange(ema, 2, 6)).containsExactly(2, 3, 4, 2.5);
        }

        @Test
        void sma3OfTheTa4jHandSeriesAfterTheFirstFullWindow() {
            double[] closes = {1, 2, 3, 4, 3, 4, 5, 4, 3, 3, 4, 3, 2};
            double[] expected = {2, 3, 10 / 3.0, 11 / 3.0, 4, 13 / 3.0, 4, 10 / 3.0, 10 / 3.0, 10 / 3.0, 3};
            double[] sma = Indicators.sma(closes, 3);
            assertThat(sma[0]).isNaN();
            assertThat(sma[1]).isNaN();
            for (int i = 0; i < expected.length; i++) {
                assertThat(sma[2 + i]).as("SMA3[%d]", 2 + i).isCloseTo(expected[i], within(1e-12));
            }
        }

        @Test
        void macd5And10OfTheTa4jHandSeriesWithFirstValueSeeding() {
            double[] closes = {37.08, 36.7, 36.11, 35.85, 35.71, 36.04, 36.41, 37.67, 38.01, 37.79, 36.83, 37.10, 38.01,
                    38.50, 38.99};
            double[] expected = {0.0, -0.05757, -0.17488, -0.26766, -0.32326, -0.28399, -0.18930, 0.06472, 0.25087,
                    0.30387, 0.16891};
            Macd macd = Indicators.macd(closes, 5, 10, 9, Seeding.FIRST_VALUE);
            for (int i = 0; i < expected.length; i++) {
                assertThat(macd.line()[i]).as("MACD[%d]", i).isCloseTo(expected[i], within(1e-5));
            }
            double[] ema10 = Indicators.ema(closes, 10, Seeding.FIRST_VALUE);
            double[] ema5 = Indicators.ema(closes, 5, Seeding.FIRST_VALUE);
            assertThat(ema10[5]).isCloseTo(36.4098, within(1e-4));
            assertThat(ema5[5]).isCloseTo(36.1258, within(1e-4));
            assertThat(ema10[10]).isCloseTo(37.0118, within(1e-4));
            assertThat(ema5[10]).isCloseTo(37.1807, within(1e-4));
        }

        @Test
        void macdWithSmaSeedingStartsAtTheSlowPeriodAndTheSignalNineBarsLater() {
            double[] closes = Bars.load("CALM-1d-no-bad-divs.csv", "CALM").close();
            Macd macd = Indicators.macd(closes);
            assertThat(macd.line()[24]).isNaN();
            assertThat(macd.line()[25]).isCloseTo(Indicators.ema(closes, 12)[25] - mean(closes, 0, 26), within(1e-12));
            assertThat(macd.signal()[32]).isNaN();
            assertThat(macd.signal()[33]).isCloseTo(mean(macd.line(), 25, 34), within(1e-12));
            assertThat(macd.histogram()[40]).isCloseTo(macd.line()[40] - macd.signal()[40], within(1e-15));
        }

        @Test
        void goldWeeklySpreadsheetRsi13AndEma13EveryRowWithFirstValueSeeding() {
            double[] close = Bars.column("RSI.xls.sheet1.csv", "Close");
            double[] rsiRef = Bars.column("RSI.xls.sheet1.csv", "RSI");
            double[] rsi = Indicators.rsi(close, 13, Seeding.FIRST_VALUE);
            for (int i = 1; i < close.length; i++) {
                assertThat(rsi[i]).as("RSI13[%d]", i).isCloseTo(rsiRef[i], within(1e-6));
            }
            double[] emaClose = Bars.column("EMA.xls.sheet1.csv", "Close");
            double[] emaRef = Bars.column("EMA.xls.sheet1.csv", "EMA");
            double[] ema = Indicators.ema(emaClose, 13, Seeding.FIRST_VALUE);
            for (int i = 0; i < emaClose.length; i++) {
                assertThat(ema[i]).as("EMA13[%d]", i).isCloseTo(emaRef[i], within(1e-6));
            }
        }

        @Test
        void goldWeeklyLastBarValuesAlsoHoldWithTheEnginesSmaSeeding() {
            double[] close = Bars.column("RSI.xls.sheet1.csv", "Close");
            int last = close.length - 1;
            assertThat(Indicators.rsi(close, 13)[last]).isCloseTo(52.5876, within(1e-4));
            assertThat(Indicators.rsi(close, 3)[last]).isCloseTo(67.0453, within(1e-4));
            assertThat(Indicators.ema(close, 13)[last]).isCloseTo(327.4076, within(1e-4));
            assertThat(Indicators.ema(close, 3)[last]).isCloseTo(327.7748, within(1e-4));
            assertThat(Indicators.sma(close, 13)[last]).isCloseTo(327.7846, within(1e-4));
            assertThat(Indicators.sma(close, 3)[last]).isCloseTo(326.6333, within(1e-4));
        }

        @Test
        void atrUsesWilderSmoothingOfTheTrueRangeSeededWithTheMeanOfBars1ToN() {
            double[] high = {10, 12, 13, 12, 15, 14};
            double[] low = {8, 9, 11, 10, 11, 12};
            double[] close = {9, 11, 12, 11, 14, 13};
            // TR: [2], max(3, |12-9|, |9-9|)=3, max(2, 2, 0)=2, max(2, 0, 2)=2, max(4, 4, 0)=4, max(2, 0, 2)=2
            assertThat(Indicators.trueRange(high, low, close)).containsExactly(2, 3, 2, 2, 4, 2);
            double[] atr = Indicators.atr(high, low, close, 3);
            assertThat(Arrays.copyOfRange(atr, 0, 3)).containsOnly(Double.NaN);
            assertThat(atr[3]).isCloseTo(7 / 3.0, within(1e-12));
            assertThat(atr[4]).isCloseTo(7 / 3.0 + (4 - 7 / 3.0) / 3, within(1e-12));
            double[] ta4j = Indicators.atr(high, low, close, 3, Seeding.FIRST_VALUE);
            assertThat(ta4j[0]).isEqualTo(2);
            assertThat(ta4j[1]).isCloseTo(2 + (3 - 2) / 3.0, within(1e-12));
        }
    }

    @Nested
    class EdgeCases {

        @Test
        void fewerBarsThanTheWindowGiveOnlyNaN() {
            double[] two = {1, 2};
            assertThat(Indicators.sma(two, 3)).containsOnly(Double.NaN);
            assertThat(Indicators.ema(two, 3)).containsOnly(Double.NaN);
            assertThat(Indicators.rsi(two, 14)).containsOnly(Double.NaN);
            assertThat(Indicators.atr(two, two, two, 14)).containsOnly(Double.NaN);
            assertThat(Indicators.realizedVolatility(two, 20)).containsOnly(Double.NaN);
            assertThat(Indicators.donchianHigh(two, 20)).containsOnly(Double.NaN);
            Macd macd = Indicators.macd(new double[30]);
            assertThat(macd.signal()).containsOnly(Double.NaN);
            assertThat(Indicators.rsi(new double[0], 14)).isEmpty();
            assertThat(Indicators.maxDrawdown(new double[0], 0, -1)).isNaN();
        }

        @Test
        void flatPricesGiveANeutralRsiZeroVolatilityAndNoDrawdown() {
            double[] flat = new double[40];
            Arrays.fill(flat, 100);
            assertThat(Indicators.rsi(flat, 14)[39]).isEqualTo(50);
            assertThat(Indicators.rsi(flat, 14, Seeding.FIRST_VALUE)[39]).isEqualTo(50);
            assertThat(Indicators.realizedVolatility(flat, 20)[39]).isZero();
            assertThat(Indicators.maxDrawdown(flat, 0, 39)).isZero();
            assertThat(Indicators.macd(flat).histogram()[39]).isZero();
        }

        @Test
        void onlyRisingPricesGiveRsi100AndOnlyFallingPricesRsi0() {
            assertThat(Indicators.rsi(Bars.geometric(100, 0.01, 30), 14)[29]).isEqualTo(100);
            assertThat(Indicators.rsi(Bars.geometric(100, -0.01, 30), 14)[29]).isZero();
        }

        @Test
        void aNaNInTheInputOnlyPoisonsTheWindowsThatContainIt() {
            double[] x = {1, 2, Double.NaN, 4, 5, 6, 7};
            double[] sma = Indicators.sma(x, 2);
            assertThat(sma[1]).isEqualTo(1.5);
            assertThat(sma[2]).isNaN();
            assertThat(sma[3]).isNaN();
            assertThat(sma[4]).isEqualTo(4.5);
            assertThat(sma[6]).isEqualTo(6.5);
        }

        @Test
        void donchianAndVolatilityMatchBruteForceOnARandomWalkWithNaNGaps() {
            java.util.Random random = new java.util.Random(7);
            double[] x = new double[500];
            x[0] = 100;
            for (int i = 1; i < x.length; i++) {
                x[i] = x[i - 1] * Math.exp(0.02 * random.nextGaussian());
            }
            x[123] = Double.NaN;
            x[480] = Double.NaN; // on a block boundary of n = 20 and 60
            // block-wise extremes: windows that divide the length and windows that do not, up to the whole series
            for (int n : new int[] {1, 2, 5, 7, 20, 60, 499, 500, 501}) {
                double[] hi = Indicators.donchianHigh(x, n);
                double[] lo = Indicators.donchianLow(x, n);
                for (int i = 0; i < x.length; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    double min = Double.POSITIVE_INFINITY;
                    boolean nan = i < n - 1;
                    for (int k = Math.max(0, i - n + 1); k <= i; k++) {
                        nan |= Double.isNaN(x[k]);
                        max = Math.max(max, x[k]);
                        min = Math.min(min, x[k]);
                    }
                    if (nan) {
                        assertThat(hi[i]).as("high n=%d i=%d", n, i).isNaN();
                        assertThat(lo[i]).as("low n=%d i=%d", n, i).isNaN();
                    } else {
                        assertThat(hi[i]).as("high n=%d i=%d", n, i).isEqualTo(max);
                        assertThat(lo[i]).as("low n=%d i=%d", n, i).isEqualTo(min);
                    }
                }
            }
            double[] vol = Indicators.realizedVolatility(x, 20);
            for (int i = 0; i < x.length; i++) {
                boolean nan = i < 20;
                double mean = 0;
                for (int k = i - 19; k <= i && !nan; k++) {
                    double r = Math.log(x[k] / x[k - 1]);
                    nan = Double.isNaN(r);
                    mean += r / 20;
                }
                if (nan) {
                    assertThat(vol[i]).as("vol[%d]", i).isNaN();
                    continue;
                }
                double ss = 0;
                for (int k = i - 19; k <= i; k++) {
                    double d = Math.log(x[k] / x[k - 1]) - mean;
                    ss += d * d;
                }
                assertThat(vol[i]).as("vol[%d]", i).isCloseTo(Math.sqrt(ss / 19 * 252), within(1e-12));
            }
        }

        @Test
        void sharedWorkGivesExactlyTheSameValuesAsTheOneCallVersions() {
            double[] close = Bars.load("yfinance_adjusted_005930.KS_amars78.csv", "005930.KS").close();

            Macd macd = Indicators.macd(close);
            assertThat(macd.fastEma()).containsExactly(Indicators.ema(close, 12));
            assertThat(macd.slowEma()).containsExactly(Indicators.ema(close, 26));
            double[] signal = Indicators.ema(Arrays.copyOfRange(macd.line(), 25, close.length), 9);
            for (int i = 0; i < close.length; i++) {
                if (i < 25) {
                    assertThat(macd.line()[i]).as("line[%d]", i).isNaN();
                } else {
                    assertThat(macd.line()[i]).as("line[%d]", i).isEqualTo(macd.fastEma()[i] - macd.slowEma()[i]);
                }
                if (i < 33) {
                    assertThat(macd.signal()[i]).as("signal[%d]", i).isNaN();
                    assertThat(macd.histogram()[i]).as("histogram[%d]", i).isNaN();
                } else {
                    assertThat(macd.signal()[i]).as("signal[%d]", i).isCloseTo(signal[i - 25], within(1e-9));
                    assertThat(macd.histogram()[i]).as("histogram[%d]", i).isEqualTo(macd.line()[i] - macd.signal()[i]);
                }
            }

            double[] logReturns = Indicators.logReturns(close);
            for (int n : new int[] {20, 60}) {
                assertThat(Indicators.realizedVolatilityOfReturns(logReturns, n))
                        .containsExactly(Indicators.realizedVolatility(close, n));
            }
        }

        @Test
        void maxDrawdownIsTheLargestFallFromARunningPeak() {
            double[] x = {100, 120, 90, 110, 60, 130, 117};
            assertThat(Indicators.maxDrawdown(x, 0, 6)).isCloseTo(0.5, within(1e-12)); // 120 -> 60
            assertThat(Indicators.maxDrawdown(x, 5, 6)).isCloseTo(0.1, within(1e-12)); // 130 -> 117
        }

        @Test
        void betaOfAPerfectlyLeveragedStockIsItsLeverage() {
            int n = 80;
            double[] bench = new double[n];
            double[] stock = new double[n];
            int[] days = new int[n];
            bench[0] = 100;
            stock[0] = 50;
            for (int i = 1; i < n; i++) {
                double r = 0.01 * Math.sin(i * 1.7);
                bench[i] = bench[i - 1] * (1 + r);
                stock[i] = stock[i - 1] * (1 + 2 * r);
                days[i] = i;
            }
            assertThat(Indicators.beta(days, stock, days, bench, 252, 20)).isCloseTo(2.0, within(1e-9));
            assertThat(Indicators.beta(days, stock, days, bench, 252, 100)).as("too few returns").isNaN();
            double[] steady = Bars.geometric(100, 0.001, n); // constant returns up to rounding noise
            assertThat(Indicators.beta(days, stock, days, steady, 252, 20)).as("benchmark returns do not vary").isNaN();
        }

        @Test
        void betaAlignsByDateSoAGapInOneSeriesDoesNotPairDifferentPeriods() {
            int n = 60;
            int[] benchDays = new int[n];
            double[] bench = new double[n];
            bench[0] = 100;
            for (int i = 0; i < n; i++) {
                benchDays[i] = 1000 + i;
                if (i > 0) {
                    bench[i] = bench[i - 1] * (1 + 0.01 * Math.cos(i * 2.3));
                }
            }
            // the stock misses every fifth day (halts); on the days it trades it moves exactly 1.5x
            // the benchmark's return since its previous trading day
            int[] stockDays = new int[n];
            double[] stock = new double[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (i % 5 == 3) {
                    continue;
                }
                stockDays[k] = benchDays[i];
                stock[k] = k == 0 ? 10 : stock[k - 1] * (1 + 1.5 * (bench[i] / bench[indexOf(benchDays, stockDays[k - 1])] - 1));
                k++;
            }
            int[] sd = Arrays.copyOf(stockDays, k);
            double[] sp = Arrays.copyOf(stock, k);
            assertThat(Indicators.beta(sd, sp, benchDays, bench, 252, 20)).isCloseTo(1.5, within(1e-9));
        }

        @Test
        void percentileRankCountsHalfOfTheTies() {
            double[] v = {1, 2, 2, 3, Double.NaN};
            assertThat(Indicators.percentileRank(v, 0, 4, 2)).isCloseTo(0.5, within(1e-12));
            assertThat(Indicators.percentileRank(v, 0, 4, 3)).isCloseTo(0.875, within(1e-12));
            assertThat(Indicators.percentileRank(new double[] {Double.NaN}, 0, 0, 1)).isNaN();
        }

        @Test
        void returnBetweenSkipsTheLastMonth() {
            double[] x = Bars.geometric(100, 0.001, 300);
            int end = x.length - 1 - 21;
            assertThat(Indicators.returnBetween(x, end, 231)).isCloseTo(x[end] / x[end - 231] - 1, within(1e-12));
            assertThat(Indicators.returnBetween(x, 10, 231)).isNaN();
        }

        @Test
        void invalidPeriodsAreRejected() {
            assertThatThrownBy(() -> Indicators.sma(new double[3], 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Indicators.macd(new double[3], 26, 12, 9, Seeding.SMA))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Indicators.realizedVolatility(new double[3], 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static int indexOf(int[] days, int day) {
        return Arrays.binarySearch(days, day);
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }
}
