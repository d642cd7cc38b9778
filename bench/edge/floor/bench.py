#!/usr/bin/env python3
"""Alternating warm-up + measurement of the 4 gateway variants.
CPU per request = delta(utime+stime) of the process (from /proc/<pid>/stat) / requests completed by wrk.
usage: bench.py <warmup_s> <rounds> <measure_s> [variants...]"""
import os, re, subprocess, sys, time, json
D = os.path.dirname(os.path.abspath(__file__))
PORTS = {"gw-flux-plain": 8081, "gw-mvc-plain": 8082, "gw-flux-sec": 8083, "gw-mvc-sec": 8084, "gw-flux-sectuned": 8085, "gw-mvc-sectuned": 8086}
TCK = os.sysconf("SC_CLK_TCK")
TOKEN = open(f"{D}/keys/token.txt").read().strip()
def pid(n): return int(open(f"{D}/pids/{n}").read())
def cpu(p):
    f = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / TCK   # utime, stime (fields 14,15)
def ms(v, u): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[u]
def wrk(port, secs):
    out = subprocess.run(["wrk", "-t1", "-c32", f"-d{secs}s", "--latency", "-H", f"Authorization: Bearer {TOKEN}",
                          f"http://127.0.0.1:{port}/api/quote/ACME"], capture_output=True, text=True).stdout
    r = {"requests": int(re.search(r"(\d+) requests in", out).group(1)),
         "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for q in ("50", "99"):
        m = re.search(rf"\s{q}%\s+([\d.]+)(us|ms|s)\b", out); r[f"p{q}"] = ms(*m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out); r["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", out); r["sockerr"] = m.group(1) if m else ""
    return r, out
def run(name, secs):
    g, b = pid(name), pid("backend")
    g0, b0, t0 = cpu(g), cpu(b), time.time()
    r, out = wrk(PORTS[name], secs)
    g1, b1 = cpu(g), cpu(b)
    r.update(variant=name, secs=round(time.time() - t0, 1), gw_cpu_s=g1 - g0, be_cpu_s=b1 - b0,
             gw_us_per_req=(g1 - g0) * 1e6 / r["requests"], be_us_per_req=(b1 - b0) * 1e6 / r["requests"],
             load1=os.getloadavg()[0])
    return r
warm, rounds, meas = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
variants = sys.argv[4:] or list(PORTS)[:4]
res = []
with open(f"{D}/results/raw.jsonl", "a") as log:
    if warm:
        for v in variants:   # two alternating warm-up passes of warm/2 s each
            pass
        for half in range(2):
            for v in variants:
                r = run(v, warm // 2); r["phase"] = f"warmup{half}"; log.write(json.dumps(r) + "\n"); log.flush()
                print(f"warmup{half} {v}: {r['rps']:.0f} rps, gw {r['gw_us_per_req']:.0f} us/req, be {r['be_us_per_req']:.0f} us/req, non2xx {r['non2xx']}", flush=True)
    for i in range(rounds):
        order = variants if i % 2 == 0 else variants[::-1]
        for v in order:
            r = run(v, meas); r["phase"] = f"round{i}"; res.append(r); log.write(json.dumps(r) + "\n"); log.flush()
            print(f"round{i} {v}: {r['rps']:.0f} rps p50 {r['p50']:.2f} ms p99 {r['p99']:.2f} ms, gw {r['gw_us_per_req']:.0f} us/req, be {r['be_us_per_req']:.0f} us/req, non2xx {r['non2xx']} {r['sockerr']} load {r['load1']:.1f}", flush=True)
print("\nvariant          rps(mean)  p50ms  p99ms  gw_us/req(mean,min-max)   be_us/req")
summ = {}
for v in variants:
    rs = [r for r in res if r["variant"] == v]
    if not rs: continue
    g = [r["gw_us_per_req"] for r in rs]; b = [r["be_us_per_req"] for r in rs]
    # pooled = total cpu / total requests
    gp = sum(r["gw_cpu_s"] for r in rs) * 1e6 / sum(r["requests"] for r in rs)
    bp = sum(r["be_cpu_s"] for r in rs) * 1e6 / sum(r["requests"] for r in rs)
    summ[v] = gp
    print(f"{v:16s} {sum(r['rps'] for r in rs)/len(rs):8.0f} {sorted(r['p50'] for r in rs)[len(rs)//2]:6.2f} {sorted(r['p99'] for r in rs)[len(rs)//2]:6.2f}  pooled {gp:5.0f} ({min(g):.0f}-{max(g):.0f})   pooled {bp:4.0f} ({min(b):.0f}-{max(b):.0f})")
if "gw-flux-plain" in summ:
    for v in summ: print(f"ratio {v} / gw-flux-plain = {summ[v]/summ['gw-flux-plain']:.2f}")
