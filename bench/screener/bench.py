#!/usr/bin/env python3
"""Screener end-to-end benchmark through the gateway (stdlib only).

Each iteration screens KOSPI 200 + KOSDAQ 150 + S&P 500 together: one run per universe, submitted at
once, timed from the first POST to the last run seen COMPLETED. Three scenarios, warm caches:

  distributed  filters {minLiquidity: 0} (passes every member with bars, but needs stock data, so the run
               takes the distributed path: prepare -> chunks on Kafka -> every agent-service instance)
  precomputed  the default request (answered from the nightly/startup precomputed screen; a run of its own)
  latest       GET /api/screener/latest?universe=... (no run)

Where the time goes: per run createdAt -> startedAt (queue), startedAt -> completedAt (prepare, chunks,
ranking), and per agent-service instance the chunk timers from /actuator/prometheus
(stockradar_screener_chunk_seconds{phase=analysis|store}), before/after deltas.
"""
import concurrent.futures
import json
import os
import re
import statistics
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import datetime

GATEWAY = os.environ.get("GATEWAY", "http://localhost:8080")
AGENT_PORTS = [p for p in os.environ.get("AGENT_PORTS", "9201,9202").split(",") if p]
RUNS = int(os.environ.get("RUNS", "10"))
WARMUP = int(os.environ.get("WARMUP", "2"))
UNIVERSES = ["KOSPI200", "KOSDAQ150", "SP500"]
POLL = float(os.environ.get("POLL", "0.025"))  # seconds between status polls of a run (latency resolution)


def call(method, path, body=None, token=None, base=GATEWAY):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text and text[0] in "[{" else text)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def login():
    name = "bench" + uuid.uuid4().hex[:10]
    password = "Bench-" + uuid.uuid4().hex
    status, body = call("POST", "/api/auth/signup", {"username": name, "email": name + "@example.com", "password": password})
    if status != 201:
        sys.exit(f"signup failed: {status} {body}")
    status, body = call("POST", "/api/auth/login", {"username": name, "password": password})
    if status != 200:
        sys.exit(f"login failed: {status} {body}")
    return body["accessToken"]


def ts(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() if text else None


def run_one(token, request):
    status, accepted = call("POST", "/api/screener/runs", request, token)
    if status != 202:
        raise RuntimeError(f"POST runs: {status} {accepted}")
    run_id = accepted["runId"]
    while True:
        status, run = call("GET", f"/api/screener/runs/{run_id}", token=token)
        if status == 200 and run["status"] in ("COMPLETED", "FAILED", "CANCELLED"):
            break
        time.sleep(POLL)
    if run["status"] != "COMPLETED":
        raise RuntimeError(f"run {run_id} {run['status']}: {run.get('error')}")
    created, started, completed = ts(run.get("createdAt")), ts(run.get("startedAt")), ts(run.get("completedAt"))
    return {
        "total": run["progress"]["total"],
        "queue": (started - created) if started else 0.0,
        "work": (completed - (started or created)),
        "accepted_status": accepted["status"],
    }


def screen_all(token, scenario):
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(len(UNIVERSES)) as pool:
        if scenario == "latest":
            def latest(universe):
                status, body = call("GET", f"/api/screener/latest?universe={universe}", token=token)
                if status != 200:
                    raise RuntimeError(f"latest {universe}: {status} {body}")
                return {"total": body["analysed"], "queue": 0.0, "work": 0.0, "accepted_status": "-"}
            results = list(pool.map(latest, UNIVERSES))
        else:
            def request(universe):
                body = {"universe": universe, "limit": 50}
                if scenario == "distributed":
                    body["filters"] = {"minLiquidity": 0}
                return run_one(token, body)
            results = list(pool.map(request, UNIVERSES))
    return time.perf_counter() - started, results


def chunk_timers():
    """Per instance: {phase: (count, sum seconds)} of stockradar_screener_chunk_seconds."""
    timers = {}
    pattern = re.compile(r'^stockradar_screener_chunk_seconds_(count|sum)\{([^}]*)\}\s+([0-9.eE+-]+)')
    for port in AGENT_PORTS:
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/actuator/prometheus", timeout=10) as response:
                text = response.read().decode()
        except OSError:
            continue
        phases = {}
        for line in text.splitlines():
            match = pattern.match(line)
            if match:
                phase = re.search(r'phase="([^"]+)"', match.group(2)).group(1)
                count, total = phases.get(phase, (0.0, 0.0))
                if match.group(1) == "count":
                    count = float(match.group(3))
                else:
                    total = float(match.group(3))
                phases[phase] = (count, total)
        timers[port] = phases
    return timers


def pct(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main():
    token = login()
    # the startup precompute runs in the background on a fresh stack: wait for every default universe's screen
    deadline = time.time() + 600
    for universe in UNIVERSES:
        while call("GET", f"/api/screener/latest?universe={universe}", token=token)[0] != 200:
            if time.time() > deadline:
                sys.exit(f"no precomputed screen of {universe} after 10 minutes")
            time.sleep(2)
    print(f"gateway {GATEWAY}, agent instances {AGENT_PORTS}, {RUNS} measured runs after {WARMUP} warm-up")
    summary = []
    for scenario in ("distributed", "precomputed", "latest"):
        for _ in range(WARMUP):
            screen_all(token, scenario)
        before = chunk_timers()
        walls, queues, works, symbols, immediate = [], [], [], 0, 0
        for _ in range(RUNS):
            wall, results = screen_all(token, scenario)
            walls.append(wall)
            queues.append(max(r["queue"] for r in results))
            works.append(max(r["work"] for r in results))
            symbols = sum(r["total"] for r in results)
            immediate += sum(1 for r in results if r["accepted_status"] == "COMPLETED")
        after = chunk_timers()
        print(f"\n== {scenario}: {symbols} symbols per screen (3 universes together)")
        print(f"   wall  p50 {pct(walls, 50) * 1000:8.0f} ms   p95 {pct(walls, 95) * 1000:8.0f} ms   "
              f"mean {statistics.mean(walls) * 1000:8.0f} ms   min {min(walls) * 1000:6.0f}   max {max(walls) * 1000:6.0f}")
        if scenario != "latest":
            print(f"   runs completed on acceptance (precomputed path): {immediate} of {RUNS * len(UNIVERSES)}")
            print(f"   slowest run per screen: queue (created->started) p50 {pct(queues, 50) * 1000:6.0f} ms, "
                  f"started->completed p50 {pct(works, 50) * 1000:6.0f} ms")
        for port in AGENT_PORTS:
            for phase, (count, total) in sorted(after.get(port, {}).items()):
                c0, t0 = before.get(port, {}).get(phase, (0.0, 0.0))
                if count - c0 > 0:
                    print(f"   agent :{port} chunk {phase:8s} {int(count - c0):5d} chunks, "
                          f"avg {(total - t0) / (count - c0) * 1000:7.1f} ms, total {(total - t0):7.2f} s")
        summary.append((scenario, symbols, pct(walls, 50), pct(walls, 95)))
    print("\n== summary")
    for scenario, symbols, p50, p95 in summary:
        print(f"   {scenario:12s} {symbols:5d} symbols   p50 {p50 * 1000:7.0f} ms   p95 {p95 * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
