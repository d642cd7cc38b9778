#!/usr/bin/env python3
"""The engine's indicator set in vectorised pandas/numpy, checked against the engine, then timed.

Reads the panel written by PanelExport (target/panel/*.npy: symbols x bars float64) and computes the
same 13 indicators as io.stockradar.bench.kernels.EngineKernels with the engine's conventions:

  SMA 20/50/200        rolling(n).mean()
  EMA 12/26            ewm(span=n, adjust=False) started from the SMA of the first n values (TA-Lib seed)
  RSI 14 (Wilder)      ewm(alpha=1/14, adjust=False) of gains/losses seeded with their first 14-change means;
                       50 when both averages are 0 (the engine's flat-price rule)
  MACD 12/26/9         line = EMA12 - EMA26, signal = EMA9 of the line seeded at bar 33, histogram
  ATR 14 (Wilder)      true range (bar 0 = high - low), Wilder average seeded with mean(TR[1..14]) at bar 14
  Donchian 20          rolling(20).max() of highs / rolling(20).min() of lows
  realized vol 20/60   rolling(n).std(ddof=1) of log returns * sqrt(252)
  beta 252             cov/var of the last 252 simple returns against the benchmark (S&P 500)
  max drawdown 252     max of 1 - close / cummax(close) over the last 252 closes

Two layouts are timed:
  wide        one DataFrame per field, bars x symbols (850 columns): every call works on the whole panel
              at once -- pandas at its best; this is the figure compared with the engine.
  per-symbol  the same functions on one Series per symbol in a Python loop -- how a per-stock engine
              written in pandas would call them (shown for information).

With --engine-cmd (a command running io.stockradar.bench.kernels.EnginePasses) it also alternates
pandas passes with engine passes and reports the median per-pair ratio (robust to background load).

Output: one line per measurement on stdout and, with --json FILE, the timings as JSON. The check
(values equal to the engine's to 1e-6 on every bar, NaN warm-up on the same bars) runs first and
aborts the run on any difference.
"""
import argparse
import json
import platform
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

INDICATORS = 13
WINDOW = 252
EPS = 1e-6
SQRT_252 = np.sqrt(252.0)


def seeded_average(x, n, alpha, first=0):
    """Recursive average with the engine's SMA seed: value at first+n-1 = mean(x[first:first+n]),
    NaN before; then ewm(adjust=False) (= out[i] = out[i-1] + alpha (x[i] - out[i-1]))."""
    a = x.to_numpy(dtype=np.float64, copy=True)
    seed_at = first + n - 1
    a[seed_at] = a[first:seed_at + 1].mean(axis=0)
    a[:seed_at] = np.nan
    frame = pd.DataFrame(a) if a.ndim == 2 else pd.Series(a)
    return frame.ewm(alpha=alpha, adjust=False).mean()


def ema(close, n):
    return seeded_average(close, n, 2.0 / (n + 1))


def rsi(close, n=14):
    d = close.diff()
    gain = d.clip(lower=0)
    loss = (-d).clip(lower=0)
    # first averages = means of changes 1..n, at bar n
    avg_gain = seeded_average(gain, n, 1.0 / n, first=1)
    avg_loss = seeded_average(loss, n, 1.0 / n, first=1)
    out = 100.0 - 100.0 / (1.0 + avg_gain / avg_loss)
    flat = (avg_gain == 0) & (avg_loss == 0)
    return out.mask(flat, 50.0)


def macd(close, fast=12, slow=26, signal=9):
    line = ema(close, fast) - ema(close, slow)
    sig = seeded_average(line, signal, 2.0 / (signal + 1), first=slow - 1)
    return line, sig, line - sig


def atr(high, low, close, n=14):
    prev = close.shift(1)
    hl = (high - low).abs()
    tr = np.maximum(hl, np.maximum((high - prev).abs(), (prev - low).abs()))
    tr.iloc[0] = hl.iloc[0]
    return seeded_average(tr, n, 1.0 / n, first=1)


def realized_vol(close, n):
    r = np.log(close / close.shift(1))
    return r.rolling(n).std(ddof=1) * SQRT_252


def beta(close, bench):
    rs = close.iloc[-(WINDOW + 1):].pct_change().iloc[1:]
    rb = bench.iloc[-(WINDOW + 1):].pct_change().iloc[1:]
    rb_dev = rb - rb.mean()
    var = (rb_dev * rb_dev).sum()
    if var / WINDOW < 1e-12:  # the engine's "benchmark does not vary" rule
        return rs.iloc[0] * np.nan
    if isinstance(rs, pd.DataFrame):
        cov = (rs - rs.mean()).mul(rb_dev, axis=0).sum()
    else:
        cov = ((rs - rs.mean()) * rb_dev).sum()
    return cov / var


def max_drawdown(close):
    w = close.iloc[-WINDOW:]
    return (1.0 - w / w.cummax()).max()


def compute(high, low, close, bench):
    """The whole set; works on DataFrames (bars x symbols) and on Series (one symbol) alike."""
    line, sig, hist = macd(close)
    return {
        "sma20": close.rolling(20).mean(),
        "sma50": close.rolling(50).mean(),
        "sma200": close.rolling(200).mean(),
        "ema12": ema(close, 12),
        "ema26": ema(close, 26),
        "rsi14": rsi(close, 14),
        "macd_line": line,
        "macd_signal": sig,
        "macd_hist": hist,
        "atr14": atr(high, low, close, 14),
        "donchian_high20": high.rolling(20).max(),
        "donchian_low20": low.rolling(20).min(),
        "vol20": realized_vol(close, 20),
        "vol60": realized_vol(close, 60),
        "beta252": beta(close, bench),
        "mdd252": max_drawdown(close),
    }


def compute_per_symbol(high, low, close, bench):
    return [compute(high[c], low[c], close[c], bench) for c in close.columns]


def check_against_engine(panel_dir, results):
    """Every per-bar value and both scalars equal the engine's to EPS; NaN exactly where the engine has NaN."""
    symbols = np.load(panel_dir / "check_symbols.npy")[0].astype(int)
    scalars = np.load(panel_dir / "check_scalars.npy")
    compared = 0
    problems = []
    for name in [k for k in results if k not in ("beta252", "mdd252")]:
        engine = np.load(panel_dir / f"check_{name}.npy")
        ours = results[name].to_numpy()[:, symbols].T
        if not np.array_equal(np.isnan(engine), np.isnan(ours)):
            bad = np.argwhere(np.isnan(engine) != np.isnan(ours))[0]
            problems.append(f"{name}: NaN pattern differs first at symbol {symbols[bad[0]]} bar {bad[1]}")
        diff = np.abs(np.nan_to_num(engine) - np.nan_to_num(ours))
        compared += int(np.count_nonzero(~np.isnan(engine)))
        if diff.max() > EPS:
            k, i = np.unravel_index(int(diff.argmax()), diff.shape)
            problems.append(f"{name}: symbol {symbols[k]} bar {i}: engine {engine[k, i]!r} pandas {ours[k, i]!r}")
    for j, name in enumerate(("beta252", "mdd252")):
        ours = results[name].to_numpy()[symbols]
        compared += len(symbols)
        if not np.all(np.abs(ours - scalars[:, j]) <= EPS):
            problems.append(f"{name}: engine {scalars[:, j]!r} pandas {ours!r}")
    return compared, len(symbols), problems


def timed(fn, repeats, warmups):
    for _ in range(warmups):
        fn()
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - t0)
    return samples


def paired_with_engine(engine_cmd, fn, pairs, engine_passes):
    """Alternates one pandas pass and `engine_passes` engine passes (EnginePasses, a JVM kept running)
    and returns the per-pair ratios pandas/engine: load from other processes hits both halves alike."""
    proc = subprocess.Popen(shlex.split(engine_cmd), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        ready = proc.stdout.readline()
        if not ready.startswith("ready"):
            raise RuntimeError(f"engine process did not start: {ready!r}")
        fn()
        pandas_ns, engine_ns = [], []
        for _ in range(pairs):
            t0 = time.perf_counter_ns()
            fn()
            pandas_ns.append(time.perf_counter_ns() - t0)
            proc.stdin.write(f"{engine_passes}\n")
            proc.stdin.flush()
            engine_ns.append(int(proc.stdout.readline()))
        return pandas_ns, engine_ns
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def quartiles(x):
    q = statistics.quantiles(x, n=4, method="inclusive")
    return q[0], q[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--panel", default="target/panel", help="directory written by PanelExport")
    ap.add_argument("--repeats", type=int, default=7, help="timed passes over the wide panel")
    ap.add_argument("--per-symbol-repeats", type=int, default=3, help="timed passes of the per-symbol loop (0 = skip)")
    ap.add_argument("--json", help="write the timings here")
    ap.add_argument("--engine-cmd", help="command running io.stockradar.bench.kernels.EnginePasses: "
                                         "adds a paired pandas/engine ratio")
    ap.add_argument("--pairs", type=int, default=15, help="pairs for --engine-cmd")
    args = ap.parse_args()
    panel_dir = Path(args.panel)

    # bars x symbols, as pandas wants a panel; loading and layout are not timed (the engine gets arrays too)
    high = pd.DataFrame(np.load(panel_dir / "high.npy").T)
    low = pd.DataFrame(np.load(panel_dir / "low.npy").T)
    close = pd.DataFrame(np.load(panel_dir / "close.npy").T)
    bench = pd.Series(np.load(panel_dir / "bench_close.npy")[0])
    bars, symbols = close.shape
    values = bars * symbols * INDICATORS

    compared, checked_symbols, problems = check_against_engine(panel_dir, compute(high, low, close, bench))
    if problems:
        print("pandas vs engine: MISMATCH", *problems, sep="\n  ", file=sys.stderr)
        sys.exit(1)
    print(f"pandas vs engine: {compared} values on {checked_symbols} series agree to {EPS:g} (NaN warm-up identical)")

    result = {
        "python": platform.python_version(), "pandas": pd.__version__, "numpy": np.__version__,
        "symbols": symbols, "bars": bars, "indicators": INDICATORS, "checked_values": compared,
    }
    wide = timed(lambda: compute(high, low, close, bench), args.repeats, warmups=2)
    result["wide"] = {"samples_ns": wide, "median_ns": statistics.median(wide), "min_ns": min(wide),
                      "ns_per_bar_indicator": statistics.median(wide) / values}
    print(f"pandas wide       : median {statistics.median(wide) / 1e6:9.1f} ms per panel pass "
          f"({result['wide']['ns_per_bar_indicator']:.2f} ns/bar-indicator, {args.repeats} passes)")
    if args.per_symbol_repeats > 0:
        loop = timed(lambda: compute_per_symbol(high, low, close, bench), args.per_symbol_repeats, warmups=1)
        result["per_symbol"] = {"samples_ns": loop, "median_ns": statistics.median(loop), "min_ns": min(loop),
                                "ns_per_bar_indicator": statistics.median(loop) / values}
        print(f"pandas per-symbol : median {statistics.median(loop) / 1e6:9.1f} ms per panel pass "
              f"({result['per_symbol']['ns_per_bar_indicator']:.2f} ns/bar-indicator, "
              f"{args.per_symbol_repeats} passes)")
    if args.engine_cmd:
        pandas_ns, engine_ns = paired_with_engine(args.engine_cmd, lambda: compute(high, low, close, bench),
                                                  args.pairs, engine_passes=4)
        ratios = [a / b for a, b in zip(pandas_ns, engine_ns)]
        lo, hi = quartiles(ratios)
        result["paired"] = {"pandas_ns": pandas_ns, "engine_ns": engine_ns, "ratios": ratios,
                            "median_ratio": statistics.median(ratios), "q1": lo, "q3": hi}
        print(f"paired pandas/engine ({args.pairs} pairs of 1 pandas pass + 4 engine passes): median ratio "
              f"{statistics.median(ratios):.1f}x (quartiles {lo:.1f}-{hi:.1f}); median engine "
              f"{statistics.median(engine_ns) / values:.2f}, pandas {statistics.median(pandas_ns) / values:.2f} "
              f"ns/bar-indicator")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
