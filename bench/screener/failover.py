#!/usr/bin/env python3
"""Screener failover benchmark through the gateway (stdlib only): how much longer a fresh distributed screen
takes when one of two agent-service instances is SIGKILLed during it, against the no-failure time measured
in the same invocation (issue 17's goal: under 5 s more).

  baseline  RUNS distributed screens (KOSPI 200 + KOSDAQ 150 + S&P 500 together, filters {minLiquidity: 0}),
            both instances alive: p50 wall time
  failure   one more screen; KILL_AFTER seconds after its runs were accepted, one agent-service instance
            (AGENT_PIDS, default: the last one the stack's log names) gets SIGKILL. Wall time until every
            run is COMPLETED (a FAILED run is reported as such), minus the baseline p50

One failure per invocation: the killed instance stays dead (the local stack does not restart it), so rerun
the whole script (run.sh starts a fresh stack) for another sample. Which path recovers the run is in the
surviving instance's log: "taken over from" (owner died: stockradar.liveness.stale-after), "stalled"
(owner alive, chunks held by the dead consumer: stockradar.screener.stall-after), or neither (the chunk
consumer group rebalanced first: session.timeout.ms 6 s).
"""
import os
import re
import signal
import sys
import time
import concurrent.futures

import bench

KILL_AFTER = float(os.environ.get("KILL_AFTER", "0.2"))
STACK_LOG = os.environ.get("STACK_LOG", os.path.join(os.path.dirname(os.path.abspath(__file__)), "target", "stack.log"))


def agent_pids():
    if os.environ.get("AGENT_PIDS"):
        return [int(p) for p in os.environ["AGENT_PIDS"].split(",") if p]
    with open(STACK_LOG) as log:
        return [int(m.group(1)) for m in re.finditer(r"agent-service ready on \S+ \(pid (\d+)\)", log.read())]


def failure_screen(token, victim):
    """Submits the three runs, kills the victim KILL_AFTER s after they were accepted, waits for all three."""
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(len(bench.UNIVERSES)) as pool:
        accepted = list(pool.map(lambda u: bench.call("POST", "/api/screener/runs",
                                                      {"universe": u, "limit": 50, "filters": {"minLiquidity": 0}}, token),
                                 bench.UNIVERSES))
    for status, body in accepted:
        if status != 202:
            sys.exit(f"POST runs: {status} {body}")
    time.sleep(max(0.0, KILL_AFTER - (time.perf_counter() - started)))
    os.kill(victim, signal.SIGKILL)
    killed = time.perf_counter()
    print(f"   SIGKILL to agent-service pid {victim} {(killed - started) * 1000:.0f} ms after the first POST")
    outcomes = {}
    deadline = time.time() + 300
    while len(outcomes) < len(accepted) and time.time() < deadline:
        for _, body in accepted:
            run_id = body["runId"]
            if run_id in outcomes:
                continue
            status, run = bench.call("GET", f"/api/screener/runs/{run_id}", token=token)
            if status == 200 and run["status"] in ("COMPLETED", "FAILED", "CANCELLED"):
                outcomes[run_id] = (run["status"], time.perf_counter() - started, run.get("error"))
        time.sleep(bench.POLL)
    return time.perf_counter() - started, killed - started, outcomes


def main():
    pids = agent_pids()
    if len(pids) < 2:
        sys.exit(f"need two agent-service instances, found pids {pids} (set AGENT_PIDS or STACK_LOG)")
    victim = int(os.environ.get("VICTIM_PID", pids[-1]))
    token = bench.login()
    runs = bench.RUNS
    print(f"gateway {bench.GATEWAY}, agent-service pids {pids}, victim {victim}, {runs} baseline screens "
          f"after {bench.WARMUP} warm-up, kill {KILL_AFTER} s into the failure screen")
    for _ in range(bench.WARMUP):
        bench.screen_all(token, "distributed")
    walls = [bench.screen_all(token, "distributed")[0] for _ in range(runs)]
    baseline = bench.pct(walls, 50)
    print(f"\n== baseline: distributed screen p50 {baseline * 1000:.0f} ms, "
          f"min {min(walls) * 1000:.0f} / max {max(walls) * 1000:.0f} ms")
    print("\n== failure")
    wall, killed_at, outcomes = failure_screen(token, victim)
    for run_id, (status, at, error) in outcomes.items():
        print(f"   run {run_id} {status} after {at * 1000:.0f} ms" + (f": {error}" if error else ""))
    lost = len(bench.UNIVERSES) - sum(1 for s, _, _ in outcomes.values() if s == "COMPLETED")
    print("\n== summary")
    print(f"   no-failure p50 {baseline * 1000:.0f} ms; with a SIGKILL {killed_at * 1000:.0f} ms in: "
          f"{wall * 1000:.0f} ms, i.e. {(wall - baseline) * 1000:+.0f} ms over the no-failure time "
          f"(goal < +5000 ms); runs not COMPLETED: {lost}")


if __name__ == "__main__":
    main()
