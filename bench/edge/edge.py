"""Edge benchmark driver (bench/edge/run.sh): starts a local stack on random ports, signs a user in, then
alternates wrk phases through the gateway and straight to the market-data-service instances, measuring each
process's CPU time from /proc. Settings come from the environment (see run.sh)."""
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.getcwd()
ROUNDS = int(os.environ.get("ROUNDS", "3"))
PHASE = int(os.environ.get("PHASE_SECONDS", "20"))
WARMUP = int(os.environ.get("WARMUP_SECONDS", "120"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "32"))
SYMBOL = os.environ.get("SYMBOL", "005930.KS")
STACK_JVM = os.environ.get("STACK_JVM", "-Xmx512m -XX:+UseSerialGC")
WORK = os.path.join(ROOT, "bench/edge/target/stack")
# Optional: a gateway jar built from another commit, started beside the stack's gateway with the same settings
# and measured in the same rounds (README.md says how to build one).
BASELINE_JAR = os.environ.get("BASELINE_JAR")
TICK = os.sysconf("SC_CLK_TCK")
PASSWORD = "Edge-bench-password-1!"


def log(msg):
    print(msg, flush=True)


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def start_stack():
    env = dict(os.environ)
    # The limiter runs its Redis script on every request; these limits only keep it from refusing the load.
    env.update(RATE_LIMIT_API_REPLENISH_RATE="1000000", RATE_LIMIT_API_BURST_CAPACITY="2000000",
               RATE_LIMIT_AUTH_REPLENISH_RATE="1000", RATE_LIMIT_AUTH_BURST_CAPACITY="2000", MARKET_DATA_PROVIDER="demo",
               STOCKRADAR_SIGNUPTHROTTLE_PERADDRESS="1000000")
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
    out = open(os.path.join(ROOT, "bench/edge/target/stack.log"), "w")
    proc = subprocess.Popen([java, f"-Dstockradar.root={ROOT}", "-Dstockradar.random-ports=true",
                             f"-Dstockradar.work-dir={WORK}", "-Dstockradar.persistent=false",
                             f"-Dstockradar.jvm-args={STACK_JVM}", "-jar", "local-stack/target/local-stack-exec.jar"],
                            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    services, redis_port, begin = {}, None, time.time()
    while True:
        if proc.poll() is not None:
            raise SystemExit("the local stack exited; see bench/edge/target/stack.log")
        text = open(os.path.join(ROOT, "bench/edge/target/stack.log")).read()
        m = re.search(r"Redis :(\d+)", text)
        if m:
            redis_port = m.group(1)
        if "Stock Radar is ready at" in text:
            for name, url, pid in re.findall(r"\] +(\S+) ready on (http://\S+) \(pid (\d+)\)", text):
                services.setdefault(name, []).append((url, int(pid)))
            break
        if time.time() - begin > 600:
            raise SystemExit("the local stack did not start in 10 minutes")
        time.sleep(1)
    redis_pid = int(subprocess.run(["pgrep", "-f", f"redis-server.*:{redis_port}$"], capture_output=True,
                                   text=True).stdout.split()[0])
    log(f"stack ready in {time.time() - begin:.0f} s")
    return proc, services, redis_pid


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_baseline_gateway(gateway_pid):
    """The baseline jar on a free port (its actuator on another: the management port), with the stack gateway's own
    environment and arguments."""
    with open(f"/proc/{gateway_pid}/environ", "rb") as f:
        env = dict(kv.split("=", 1) for kv in f.read().decode().split("\0") if "=" in kv)
    with open(f"/proc/{gateway_pid}/cmdline", "rb") as f:
        cmd = [a for a in f.read().decode().split("\0") if a]
    port, management = free_port(), free_port()
    jar = cmd.index("-jar")
    args = [a for a in cmd[jar + 2:] if not a.startswith(("--server.port=", "--management.server.port="))]
    env["PORT"] = str(port)
    env["MANAGEMENT_PORT"] = str(management)
    out = open(os.path.join(ROOT, "bench/edge/target/baseline-gateway.log"), "w")
    proc = subprocess.Popen(cmd[:jar] + ["-jar", BASELINE_JAR, f"--server.port={port}",
                                         f"--management.server.port={management}"] + args, env=env,
                            stdout=out, stderr=subprocess.STDOUT)
    url = f"http://localhost:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://localhost:{management}/actuator/health/readiness", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except Exception:
            pass
        time.sleep(1)
    raise SystemExit("the baseline gateway did not become ready")


def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"{}")


def token(gateway):
    return post(gateway + "/api/auth/login", {"username": "edgebench", "password": PASSWORD})["accessToken"]


def wrk(url, tok, seconds, connections):
    return subprocess.Popen(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
                             "-s", os.path.join(ROOT, "bench/edge/report.lua"),
                             "-H", f"Authorization: Bearer {tok}", url],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def result(proc):
    out, _ = proc.communicate()
    m = re.search(r"RESULT (.*)", out)
    if not m:
        raise SystemExit("wrk printed no result:\n" + out)
    r = {k: float(v) for k, v in (kv.split("=") for kv in m.group(1).split())}
    r["pid"] = proc.pid
    return r


def phase(kind, urls, tok, seconds, pids):
    """One wrk per URL (the connections split among them), CPU of every watched process and the load generators."""
    before = {name: cpu_ticks(pid) for name, pid in pids.items()}
    t0 = time.time()
    procs = [wrk(u, tok, seconds, max(1, CONNECTIONS // len(urls))) for u in urls]
    wrk_pids = [p.pid for p in procs]
    wrk_before = {}
    for p in wrk_pids:
        try:
            wrk_before[p] = cpu_ticks(p)
        except FileNotFoundError:
            wrk_before[p] = 0
    # wrk's own CPU: read just before it exits (children's ticks are gone once reaped)
    results, wrk_ticks = [], 0
    time.sleep(max(0, seconds - 0.5))
    for p in wrk_pids:
        try:
            wrk_ticks += cpu_ticks(p) - wrk_before[p]
        except FileNotFoundError:
            pass
    results = [result(p) for p in procs]
    after = {name: cpu_ticks(pid) for name, pid in pids.items()}
    n = sum(r["requests"] for r in results)
    elapsed = max(r["seconds"] for r in results)
    cpu = {name: (after[name] - before[name]) / TICK * 1e6 / max(n, 1) for name in pids}
    cpu["wrk"] = wrk_ticks / TICK * 1e6 / max(n, 1)
    return {
        "kind": kind, "requests": n, "rps": n / elapsed,
        "p50": max(r["p50"] for r in results), "p95": max(r["p95"] for r in results),
        "p99": max(r["p99"] for r in results), "max": max(r["max"] for r in results),
        "errors": sum(r["socket_errors"] for r in results), "non2xx": sum(r["non2xx"] for r in results),
        "cpu": cpu,
    }


def show(p):
    cpu = "  ".join(f"{k} {v:,.0f}" for k, v in p["cpu"].items())
    log(f"  {p['kind']:8s} {p['rps']:8,.0f} req/s  p50 {p['p50']:6.1f}  p95 {p['p95']:6.1f}  p99 {p['p99']:6.1f} ms  "
        f"errors {p['errors']:.0f}  non-2xx {p['non2xx']:.0f}  | CPU us/request: {cpu}")


def main():
    log(f"== edge benchmark {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}  load average "
        f"{open('/proc/loadavg').read().split()[0:3]}  rounds {ROUNDS} x {PHASE} s, {CONNECTIONS} connections, "
        f"warm-up {WARMUP} s, services {STACK_JVM}")
    stack, services, redis_pid = start_stack()
    try:
        gateway_url, gateway_pid = services["gateway"][0]
        market = services["market-data-service"]
        pids = {"gateway": gateway_pid}
        for i, (_, pid) in enumerate(market, 1):
            pids[f"market-data-{i}"] = pid
        pids["redis"] = redis_pid
        try:
            post(gateway_url + "/api/auth/signup", {"username": "edgebench", "email": "edgebench@example.com",
                                                    "password": PASSWORD})
        except urllib.error.HTTPError as e:
            if e.code != 409:
                raise
        path = f"/api/market/quote/{SYMBOL}"
        through = [gateway_url + path]
        direct = [url + path for url, _ in market]
        baseline = None
        if BASELINE_JAR:
            baseline, baseline_url = start_baseline_gateway(gateway_pid)
            pids["baseline-gateway"] = baseline.pid
            log(f"baseline gateway {BASELINE_JAR} on {baseline_url}")
        log(f"warm-up {WARMUP} s (every path, JIT settles) ...")
        tok = token(gateway_url)
        paths = [through, direct] + ([[baseline_url + path]] if baseline else [])
        for _ in range(2):
            for urls in paths:
                phase("warm-up", urls, tok, max(1, WARMUP // (2 * len(paths))), pids)
        rounds = []
        for r in range(1, ROUNDS + 1):
            tok = token(gateway_url)  # tokens live 15 minutes
            log(f"round {r}")
            g = phase("gateway", through, tok, PHASE, pids)
            d = phase("direct", direct, tok, PHASE, pids)
            b = phase("baseline", [baseline_url + path], tok, PHASE, pids) if baseline else None
            for p in (g, d, b):
                if p:
                    show(p)
            ratio = g["rps"] / d["rps"]
            log(f"  gateway / direct = {ratio:.2f}" + (f", baseline gateway / direct = {b['rps'] / d['rps']:.2f}, "
                f"gateway CPU per request new / baseline = {g['cpu']['gateway'] / b['cpu']['baseline-gateway']:.2f}"
                if b else ""))
            rounds.append((g, d, ratio, b))
        rss = {name: rss_mb(pid) for name, pid in pids.items()}
        for name, lst in services.items():
            for i, (_, pid) in enumerate(lst, 1):
                rss.setdefault(f"{name}-{i}" if len(lst) > 1 else name, rss_mb(pid))
        log("== summary (median of rounds)")
        med = lambda xs: statistics.median(xs)
        g = [x[0] for x in rounds]
        d = [x[1] for x in rounds]
        log(f"gateway: {med([p['rps'] for p in g]):,.0f} req/s, p50 {med([p['p50'] for p in g]):.1f} ms, "
            f"p99 {med([p['p99'] for p in g]):.1f} ms, gateway CPU {med([p['cpu']['gateway'] for p in g]):,.0f} us/request, "
            f"market-data CPU {med([sum(v for k, v in p['cpu'].items() if k.startswith('market')) for p in g]):,.0f} us/request, "
            f"redis {med([p['cpu']['redis'] for p in g]):,.0f} us/request")
        log(f"direct:  {med([p['rps'] for p in d]):,.0f} req/s, p50 {med([p['p50'] for p in d]):.1f} ms, "
            f"p99 {med([p['p99'] for p in d]):.1f} ms, "
            f"market-data CPU {med([sum(v for k, v in p['cpu'].items() if k.startswith('market')) for p in d]):,.0f} us/request")
        log(f"gateway / direct throughput: {med([x[2] for x in rounds]):.2f} (rounds: "
            f"{' '.join(f'{x[2]:.2f}' for x in rounds)})")
        if baseline:
            b = [x[3] for x in rounds]
            log(f"baseline gateway: {med([p['rps'] for p in b]):,.0f} req/s, p50 {med([p['p50'] for p in b]):.1f} ms, "
                f"p99 {med([p['p99'] for p in b]):.1f} ms, its CPU {med([p['cpu']['baseline-gateway'] for p in b]):,.0f} us/request; "
                f"baseline / direct {med([p['rps'] / x[1]['rps'] for p, x in zip(b, rounds)]):.2f}; gateway CPU per request "
                f"new / baseline {med([x[0]['cpu']['gateway'] / x[3]['cpu']['baseline-gateway'] for x in rounds]):.2f}")
        log("RSS MB after the run: " + ", ".join(f"{k} {v:.0f}" for k, v in rss.items()))
    finally:
        if BASELINE_JAR and "baseline" in locals() and baseline:
            baseline.terminate()
            baseline.wait(timeout=60)
        stack.send_signal(signal.SIGTERM)  # the launcher stops every process it started, then exits
        try:
            stack.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(stack.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
