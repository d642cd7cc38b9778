#!/usr/bin/env python3
"""Run burst through the gateway (stdlib only): USERS users each start a fresh SYMBOLS-symbol screen at the
same moment, the way issue 16 found the stack failing (4 of 30 runs FAILED right after start-up, p50 67 s).

  cold  the first burst, right after the stack is ready (run.sh starts a fresh one: empty Redis, cold JVMs,
        no market contexts yet)
  warm  the same burst again once the cold one has ended (BURSTS bursts in all; every burst after the first
        is warm)

Each user screens a different slice of KOSPI 200 + KOSDAQ 150 + S&P 500 (filters {minLiquidity: 0}, so the
run needs stock data and takes the distributed path), so a burst touches USERS x SYMBOLS symbols, not one
cached screen. Users poll their own run every POLL_S seconds (within the gateway's per-user rate limit, which
this script leaves on unless run.sh lifts it).

Reported per burst: runs accepted, COMPLETED, FAILED (with the error), requests shed with 429/503 (the
goal: the system sheds load at the door before it fails work it accepted), p50/p95/max completion time from
the burst's start, and where the time went (createdAt -> startedAt waiting for a preparation slot, and
startedAt -> completedAt).
"""
import concurrent.futures
import os
import statistics
import sys
import threading
import time

import bench

USERS = int(os.environ.get("USERS", "30"))
SYMBOLS = int(os.environ.get("SYMBOLS", "100"))
BURSTS = int(os.environ.get("BURSTS", "2"))
POLL_S = float(os.environ.get("POLL_S", "0.25"))
DEADLINE_S = float(os.environ.get("DEADLINE_S", "300"))


def universe_symbols(token):
    symbols = []
    for universe in bench.UNIVERSES:
        status, body = bench.call("GET", f"/api/market/universes/{universe}", token=token)
        if status != 200:
            sys.exit(f"GET universe {universe}: {status} {body}")
        symbols += [m["symbol"] for m in body["members"]]
    return symbols


def user_run(token, symbols, start_gate, shed):
    """Waits for the gate, submits one run, polls it to the end; returns the outcome."""
    start_gate.wait()
    begun = time.perf_counter()
    request = {"symbols": symbols, "filters": {"minLiquidity": 0}, "limit": 20}
    while True:
        status, accepted = bench.call("POST", "/api/screener/runs", request, token)
        if status == 202:
            break
        if status in (429, 503):
            shed.append(("POST", status))
            time.sleep(1.0)  # a client honours the shed and tries again; counted, not failed
            if time.perf_counter() - begun > DEADLINE_S:
                return {"outcome": "NOT ACCEPTED", "error": f"{status} for {DEADLINE_S} s"}
            continue
        return {"outcome": "REFUSED", "error": f"POST runs: {status} {accepted}"}
    run_id = accepted["runId"]
    while True:
        status, run = bench.call("GET", f"/api/screener/runs/{run_id}", token=token)
        if status == 200 and run["status"] in ("COMPLETED", "FAILED", "CANCELLED"):
            break
        if status in (429, 503):
            shed.append(("GET", status))
        if time.perf_counter() - begun > DEADLINE_S:
            return {"outcome": "STUCK", "error": f"still {run.get('status') if status == 200 else status}"}
        time.sleep(POLL_S)
    ended = time.perf_counter() - begun
    created, started, completed = bench.ts(run.get("createdAt")), bench.ts(run.get("startedAt")), bench.ts(
        run.get("completedAt"))
    return {
        "outcome": run["status"],
        "error": run.get("error"),
        "seconds": ended,
        "queue": (started - created) if started and created else None,
        "work": (completed - (started or created)) if completed and created else None,
        "total": run.get("progress", {}).get("total"),
    }


def burst(tokens, slices):
    gate = threading.Barrier(len(tokens))
    shed = []
    with concurrent.futures.ThreadPoolExecutor(len(tokens)) as pool:
        futures = [pool.submit(user_run, t, s, gate, shed) for t, s in zip(tokens, slices)]
        results = [f.result() for f in futures]
    return results, shed


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def report(name, results, shed):
    done = [r for r in results if r["outcome"] == "COMPLETED"]
    failed = [r for r in results if r["outcome"] != "COMPLETED"]
    print(f"== {name}: {len(results)} users x {SYMBOLS} symbols")
    print(f"   completed {len(done)}, not completed {len(failed)}, shed at the door {len(shed)}"
          f" ({', '.join(f'{m} {s}' for m, s in sorted(set(shed))) or 'none'})")
    for r in failed:
        print(f"   {r['outcome']}: {r.get('error')}")
    if done:
        secs = [r["seconds"] for r in done]
        queue = [r["queue"] for r in done if r["queue"] is not None]
        work = [r["work"] for r in done if r["work"] is not None]
        print(f"   completion p50 {statistics.median(secs):.2f} s, p95 {pct(secs, 95):.2f} s, max {max(secs):.2f} s")
        if queue and work:
            print(f"   where: waiting for a slot p50 {statistics.median(queue):.2f} s (max {max(queue):.2f}),"
                  f" running p50 {statistics.median(work):.2f} s (max {max(work):.2f})")
    return {"name": name, "completed": len(done), "failed": len(failed), "shed": len(shed),
            "p50": statistics.median([r["seconds"] for r in done]) if done else None,
            "max": max([r["seconds"] for r in done]) if done else None}


def main():
    tokens = [bench.login() for _ in range(USERS)]
    symbols = universe_symbols(tokens[0])
    slices = []
    for i in range(USERS):
        start = (i * SYMBOLS) % len(symbols)
        slices.append([symbols[(start + k) % len(symbols)] for k in range(SYMBOLS)])
    print(f"{USERS} users, {SYMBOLS} symbols each, from {len(symbols)} universe members; poll every {POLL_S} s")
    summary = []
    for b in range(BURSTS):
        results, shed = burst(tokens, slices)
        summary.append(report("cold" if b == 0 else f"warm {b}", results, shed))
    print("== summary")
    for s in summary:
        p50 = f"{s['p50']:.2f} s" if s["p50"] is not None else "-"
        mx = f"{s['max']:.2f} s" if s["max"] is not None else "-"
        print(f"   {s['name']}: {s['completed']}/{USERS} completed, {s['failed']} failed, {s['shed']} shed,"
              f" p50 {p50}, max {mx}")


if __name__ == "__main__":
    main()
