#!/usr/bin/env python3
"""A realistic mixed workload through the gateway (stdlib only), next to the old app's figures.

USERS virtual users, each signed up once, loop for DURATION_S seconds picking, by weight, one of:

  login      POST /api/auth/login (a new session; Argon2id-hashed password)          old app: 50 ms
  regime     GET /api/market/regime?market=KR|US                                        old app: 200 ms
  chart      GET /api/market/bars/{symbol}?range=1y&interval=1d                         old app: 300 ms
  quote      GET /api/market/quote/{symbol}
  analysis   GET /api/analysis/{symbol}
  screener   POST /api/screener/runs (a fresh 50-symbol list) + its SSE stream to the  old app: 2-3 s
             `completed` event (timed from the POST)
  history    GET /api/history?limit=20

with THINK_S seconds between a user's requests (0: back to back). The old app served 100-200 req/s in all.
Reported: per request type count, errors, p50/p95/p99; total req/s; and the RSS of every service process the
stack log names (sampled every second, max shown), since issue 16 asks for RSS under load.
"""
import json
import os
import random
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "screener"))
import bench  # noqa: E402  (login, call, universe helpers of the screener benchmark)

USERS = int(os.environ.get("USERS", "16"))
DURATION_S = float(os.environ.get("DURATION_S", "60"))
THINK_S = float(os.environ.get("THINK_S", "0.1"))
STACK_LOG = os.environ.get("STACK_LOG", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "screener",
                                                     "target", "stack.log"))
WEIGHTS = {"login": 2, "regime": 10, "chart": 25, "quote": 25, "analysis": 20, "screener": 3, "history": 15}
OLD_APP = {"login": "50 ms", "regime": "200 ms", "chart": "300 ms", "screener": "2-3 s"}


def timed(kind, fn, samples, errors):
    started = time.perf_counter()
    try:
        ok = fn()
    except Exception as e:  # a failed request is an error of its type, not the end of the run
        ok = False
        errors.setdefault(kind, []).append(str(e)[:120])
    if ok:
        samples.setdefault(kind, []).append(time.perf_counter() - started)


def expect(status, wanted=200):
    if status != wanted:
        raise RuntimeError(f"HTTP {status}")
    return True


def screener_with_sse(token, symbols):
    status, accepted = bench.call("POST", "/api/screener/runs",
                                  {"symbols": symbols, "filters": {"minLiquidity": 0}, "limit": 20}, token)
    expect(status, 202)
    request = urllib.request.Request(bench.GATEWAY + f"/api/screener/runs/{accepted['runId']}/events")
    request.add_header("Authorization", "Bearer " + token)
    request.add_header("Accept", "text/event-stream")
    with urllib.request.urlopen(request, timeout=120) as stream:
        for raw in stream:
            line = raw.decode().strip()
            if line.startswith("event:"):
                event = line[6:].strip()
                if event == "completed":
                    return True
                if event == "failed":
                    raise RuntimeError("run failed")
    raise RuntimeError("stream ended without completed")


def user(token, credentials, symbols, deadline, samples, errors):
    rng = random.Random()
    kinds = list(WEIGHTS)
    weights = [WEIGHTS[k] for k in kinds]
    while time.perf_counter() < deadline:
        kind = rng.choices(kinds, weights)[0]
        symbol = rng.choice(symbols)
        if kind == "login":
            def fn():
                status, body = bench.call("POST", "/api/auth/login", credentials)
                return expect(status)
        elif kind == "regime":
            fn = lambda: expect(bench.call("GET", "/api/market/regime?market=" + rng.choice(["KR", "US"]), token=token)[0])
        elif kind == "chart":
            fn = lambda: expect(bench.call("GET", f"/api/market/bars/{symbol}?range=1y&interval=1d", token=token)[0])
        elif kind == "quote":
            fn = lambda: expect(bench.call("GET", f"/api/market/quote/{symbol}", token=token)[0])
        elif kind == "analysis":
            fn = lambda: expect(bench.call("GET", f"/api/analysis/{symbol}", token=token)[0])
        elif kind == "screener":
            start = rng.randrange(len(symbols))
            fn = lambda: screener_with_sse(token, [symbols[(start + i) % len(symbols)] for i in range(50)])
        else:
            fn = lambda: expect(bench.call("GET", "/api/history?limit=20", token=token)[0])
        timed(kind, fn, samples, errors)
        if THINK_S:
            time.sleep(THINK_S * rng.uniform(0.5, 1.5))


def service_pids():
    try:
        with open(STACK_LOG) as log:
            text = log.read()
    except OSError:
        return {}
    return {f"{m.group(1)}:{m.group(2)}": int(m.group(3))
            for m in re.finditer(r"(\S+) ready on \S+?:(\d+)\S* \(pid (\d+)\)", text)}


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    accounts = []
    for _ in range(USERS):
        name = "mixed" + os.urandom(5).hex()
        password = "Mixed-" + os.urandom(12).hex()
        status, body = bench.call("POST", "/api/auth/signup", {"username": name, "email": name + "@example.com",
                                                              "password": password})
        if status != 201:
            sys.exit(f"signup failed: {status} {body}")
        credentials = {"username": name, "password": password}
        status, body = bench.call("POST", "/api/auth/login", credentials)
        if status != 200:
            sys.exit(f"login failed: {status} {body}")
        accounts.append((body["accessToken"], credentials))
    symbols = []
    for universe in bench.UNIVERSES:
        status, body = bench.call("GET", f"/api/market/universes/{universe}", token=accounts[0][0])
        symbols += [m["symbol"] for m in body["members"]]
    pids = service_pids()
    peak = {}
    samples, errors = {}, {}
    started = time.perf_counter()
    deadline = started + DURATION_S
    threads = [threading.Thread(target=user, args=(t, c, symbols, deadline, samples, errors), daemon=True)
               for t, c in accounts]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        for name, pid in pids.items():
            rss = rss_mb(pid)
            if rss is not None:
                peak[name] = max(peak.get(name, 0), rss)
        time.sleep(1)
    elapsed = time.perf_counter() - started
    total = sum(len(v) for v in samples.values()) + sum(len(v) for v in errors.values())
    print(f"== mixed workload: {USERS} users, {DURATION_S:.0f} s, think {THINK_S} s; {total} requests, "
          f"{total / elapsed:.0f} req/s (old app: 100-200 req/s)")
    print(f"   {'type':10} {'count':>6} {'errors':>6} {'p50':>9} {'p95':>9} {'p99':>9}   old app p50")
    for kind in WEIGHTS:
        values = samples.get(kind, [])
        errs = len(errors.get(kind, []))
        if values:
            print(f"   {kind:10} {len(values):6d} {errs:6d} {statistics.median(values) * 1000:7.0f}ms "
                  f"{pct(values, 95) * 1000:7.0f}ms {pct(values, 99) * 1000:7.0f}ms   {OLD_APP.get(kind, '-')}")
        else:
            print(f"   {kind:10} {0:6d} {errs:6d}")
    for kind, messages in errors.items():
        print(f"   errors of {kind}: {sorted(set(messages))[:3]}")
    if peak:
        print("   RSS peak (MB): " + ", ".join(f"{name} {mb:.0f}" for name, mb in sorted(peak.items()))
              + f"; total {sum(peak.values()):.0f}")


if __name__ == "__main__":
    main()
