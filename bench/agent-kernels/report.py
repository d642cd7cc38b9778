#!/usr/bin/env python3
"""Results table of run.sh (stdlib only): reads target/round-*/jmh.json and pandas.json.

ns per bar-indicator = time for the 13-indicator set / (bars x 13). One JMH op is one symbol
(500 bars), a pandas pass is the whole panel (850 symbols). Each round measures engine, ta4j and
pandas back to back; the headline ratio is the median of the per-round ratios, so a burst of load
from other processes on this shared machine spoils one round, not the result.
"""
import json
import statistics
import sys
from pathlib import Path

GOAL_TA4J = 50.0
GOAL_PANDAS = 5.0
JMH_ROWS = (("engine", "engine"), ("ta4j", "ta4j"))


def load_round(d):
    jmh = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.loads((d / "jmh.json").read_text())}
    pd = json.loads((d / "pandas.json").read_text())
    per_op = pd["bars"] * pd["indicators"]
    values = per_op * pd["symbols"]
    row = {}
    best = {}
    for key, _ in JMH_ROWS:
        if key in jmh:
            row[key] = jmh[key]["score"] / per_op
            row[key + "_err"] = jmh[key]["scoreError"] / per_op
            best[key] = min(min(fork) for fork in jmh[key]["rawData"]) / per_op
    row["pandas"] = pd["wide"]["median_ns"] / values
    best["pandas"] = pd["wide"]["min_ns"] / values
    if "per_symbol" in pd:
        row["pandas_loop"] = pd["per_symbol"]["median_ns"] / values
        best["pandas_loop"] = pd["per_symbol"]["min_ns"] / values
    return row, best, pd


def main(target):
    rounds = sorted(p for p in Path(target).glob("round-*") if (p / "jmh.json").exists())
    if not rounds:
        sys.exit("no round-*/jmh.json under " + target)
    data = [load_round(d) for d in rounds]
    pd = data[0][2]
    print(f"Panel: {pd['symbols']} symbols x {pd['bars']} bars x {pd['indicators']} indicators = "
          f"{pd['symbols'] * pd['bars'] * pd['indicators']:,} bar-indicators per pass; one thread everywhere; "
          f"{len(rounds)} rounds.")
    print()
    print("ns per bar-indicator (lower is better); engine and ta4j: JMH mean ± 99.9% CI; pandas: median pass")
    print()
    cols = [k for k, _ in JMH_ROWS if k in data[0][0]] + ["pandas"] + (["pandas_loop"] if "pandas_loop" in data[0][0] else [])
    names = dict(JMH_ROWS) | {"pandas": "pandas wide", "pandas_loop": "pandas per-symbol loop"}
    print("| round | " + " | ".join(names[c] for c in cols) + " | ta4j / engine | pandas wide / engine |")
    print("|---|" + "---:|" * (len(cols) + 2))
    ratios_ta4j, ratios_pandas = [], []
    for i, (row, _, _) in enumerate(data, 1):
        cells = []
        for c in cols:
            err = row.get(c + "_err")
            cells.append(f"{row[c]:.2f} ± {err:.2f}" if err is not None else f"{row[c]:.2f}")
        rt, rp = row["ta4j"] / row["engine"], row["pandas"] / row["engine"]
        ratios_ta4j.append(rt)
        ratios_pandas.append(rp)
        print(f"| {i} | " + " | ".join(cells) + f" | {rt:.1f}× | {rp:.1f}× |")
    med = {c: statistics.median(r[c] for r, _, _ in data) for c in cols}
    rt, rp = statistics.median(ratios_ta4j), statistics.median(ratios_pandas)
    print("| **median** | " + " | ".join(f"**{med[c]:.2f}**" for c in cols) + f" | **{rt:.1f}×** | **{rp:.1f}×** |")
    best = {c: min(b[c] for _, b, _ in data) for c in cols}
    print("| fastest iteration / pass | " + " | ".join(f"{best[c]:.2f}" for c in cols)
          + f" | {best['ta4j'] / best['engine']:.1f}× | {best['pandas'] / best['engine']:.1f}× |")
    print()
    print(f"ms per panel pass (median): " + ", ".join(
        f"{names[c]} {med[c] * pd['symbols'] * pd['bars'] * pd['indicators'] / 1e6:.0f}" for c in cols))
    print()
    print(f"engine vs ta4j   : {rt:.1f}x faster (median of rounds {', '.join(f'{r:.1f}' for r in ratios_ta4j)}); "
          f"goal >= {GOAL_TA4J:g}x: {'MET' if rt >= GOAL_TA4J else 'NOT MET'}")
    print(f"engine vs pandas : {rp:.1f}x faster (median of rounds {', '.join(f'{r:.1f}' for r in ratios_pandas)}); "
          f"goal >= {GOAL_PANDAS:g}x: {'MET' if rp >= GOAL_PANDAS else 'NOT MET'}")
    paired = Path(target) / "paired.txt"
    if paired.exists():
        print()
        print("Second estimate, paired (each implementation timed right after the other, many times; median of the per-pair ratios):")
        print()
        for line in paired.read_text().strip().splitlines():
            print("- " + line)
    breakdown = Path(target) / "breakdown.json"
    if breakdown.exists():
        print_breakdown(json.loads(breakdown.read_text()), pd["bars"])


def print_breakdown(results, bars):
    """KernelBreakdown: ns per symbol for each kernel; ta4j rows minus its 'series' row (building the series)."""
    score = {}
    for r in results:
        score[(r["benchmark"].rsplit(".", 1)[1], r["params"]["kernel"])] = r["primaryMetric"]["score"]
    series = score.get(("ta4j", "series"), 0.0)
    print()
    print("Breakdown (KernelBreakdown, one kernel per op, ns per symbol of %d bars; one short run, indicative only):" % bars)
    print()
    print("| kernel | engine ns | ta4j ns (series build subtracted) | ta4j / engine |")
    print("|---|---:|---:|---:|")
    kernels = [k for (b, k) in score if b == "engine" and k != "series"]
    for k in kernels:
        e, t = score[("engine", k)], score.get(("ta4j", k), float("nan")) - series
        print(f"| {k} | {e:,.0f} | {t:,.0f} | {t / e:.0f}× |")
    print(f"| ta4j DoubleNum BarSeries build | — | {series:,.0f} | — |")
    total_e = sum(score[("engine", k)] for k in kernels)
    total_t = sum(score[("ta4j", k)] - series for k in kernels) + series
    print(f"| **sum** | **{total_e:,.0f}** | **{total_t:,.0f}** (incl. one build) | **{total_t / total_e:.0f}×** |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target")
