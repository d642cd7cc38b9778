package io.stockradar.bench.kernels;

import io.stockradar.agent.engine.indicator.Indicators;
import io.stockradar.agent.engine.indicator.Macd;

/** The indicator set computed with the engine's kernels ({@code io.stockradar.agent.engine.indicator}). */
public final class EngineKernels {

    private EngineKernels() {
    }

    /** Every indicator of symbol {@code s}, as the agents call them (SMA seeding, TA-Lib conventions). */
    public static KernelValues compute(Panel p, int s) {
        double[] h = p.high(s);
        double[] l = p.low(s);
        double[] c = p.close(s);
        int last = c.length - 1;
        // shared work, as the engine's callers do it: MACD computes the EMA 12/26 it is made of in the same
        // pass and returns them; the log returns are taken once for both volatility windows (RiskManagerAgent)
        Macd macd = Indicators.macd(c);
        double[] logReturns = Indicators.logReturns(c);
        return new KernelValues(Indicators.sma(c, 20), Indicators.sma(c, 50), Indicators.sma(c, 200),
                macd.fastEma(), macd.slowEma(), Indicators.rsi(c, 14), macd.line(), macd.signal(),
                macd.histogram(), Indicators.atr(h, l, c, 14), Indicators.donchianHigh(h, 20),
                Indicators.donchianLow(l, 20), Indicators.realizedVolatilityOfReturns(logReturns, 20),
                Indicators.realizedVolatilityOfReturns(logReturns, 60),
                // the risk agent's calls: beta over the last 252 common returns (min 60), MDD of the last 252 closes
                Indicators.beta(p.epochDays(), c, p.epochDays(), p.benchmarkClose(), KernelValues.WINDOW, 60),
                Indicators.maxDrawdown(c, c.length - KernelValues.WINDOW, last));
    }
}
