"""measure.py JAR... : against the stack hold.py keeps, starts one gateway per jar (the stack gateway's environment and
arguments), warms them up (WARM s), then alternates R rounds of PH s of wrk on each (JFR=1 records a profile of each).
Prints req/s, p99 and CPU per request of each gateway, market-data and Redis. See ../README.md."""
import json, os, socket, subprocess, sys, time, urllib.request
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
sys.path.insert(0, os.path.join(ROOT, "bench/edge"))
os.chdir(ROOT)
import edge
OUT = os.path.join(ROOT, "bench/edge/target/compare")
os.makedirs(OUT, exist_ok=True)
STATE = os.path.join(OUT, "stack.json")
st = json.load(open(STATE))
gw_url, gw_pid = st["gateway"]
WARM = int(os.environ.get("WARM", "120")); PH = int(os.environ.get("PH", "15")); ROUNDS = int(os.environ.get("R", "3"))
JFR = os.environ.get("JFR")
def start(jar, i):
    with open(f"/proc/{gw_pid}/environ", "rb") as f:
        env = dict(kv.split("=", 1) for kv in f.read().decode().split("\0") if "=" in kv)
    with open(f"/proc/{gw_pid}/cmdline", "rb") as f:
        cmd = [a for a in f.read().decode().split("\0") if a]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    j = cmd.index("-jar")
    args = [a for a in cmd[j + 2:] if not a.startswith("--server.port=")]
    env["PORT"] = str(port)
    extra = os.environ.get("GW_JVM", "").split()
    p = subprocess.Popen(cmd[:j] + extra + ["-jar", jar, f"--server.port={port}"] + args, env=env,
                         stdout=open(os.path.join(OUT, f"gw{i}.log"), "w"), stderr=subprocess.STDOUT)
    url = f"http://localhost:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(url + "/actuator/health/readiness", timeout=2) as r:
                if r.status == 200: return p, url
        except Exception: pass
        time.sleep(1)
    raise SystemExit("gateway did not start: " + jar)
jars = sys.argv[1:]
gws = [start(j, i) for i, j in enumerate(jars)]
path = "/api/market/quote/005930.KS"
pids = {f"gw{i}": p.pid for i, (p, _) in enumerate(gws)}
pids["redis"] = st["redis"]
for i, (u, pid) in enumerate(st["market"]): pids[f"md{i}"] = pid
try:
    tok = edge.token(gw_url)
    for _ in range(2):
        for i, (p, u) in enumerate(gws):
            edge.phase("warm", [u + path], tok, max(1, WARM // (2 * len(gws))), pids)
    if JFR:
        for i, (p, u) in enumerate(gws):
            subprocess.run(["jcmd", str(p.pid), "JFR.start", "name=p", "settings=profile", "filename=" + os.path.join(OUT, f"gw{i}.jfr")], capture_output=True)
    res = {i: [] for i in range(len(gws))}
    for r in range(ROUNDS):
        tok = edge.token(gw_url)
        for i, (p, u) in enumerate(gws):
            ph = edge.phase(f"gw{i}", [u + path], tok, PH, pids)
            edge.show(ph)
            res[i].append(ph)
    if JFR:
        for i, (p, u) in enumerate(gws):
            subprocess.run(["jcmd", str(p.pid), "JFR.stop", "name=p"], capture_output=True)
    import statistics
    for i, j in enumerate(jars):
        ph = res[i]
        print(f"{j}: {statistics.median([x['rps'] for x in ph]):,.0f} req/s  gw CPU {statistics.median([x['cpu'][f'gw{i}'] for x in ph]):,.0f} us/req  "
              f"md {statistics.median([x['cpu']['md0'] + x['cpu']['md1'] for x in ph]):,.0f}  redis {statistics.median([x['cpu']['redis'] for x in ph]):,.0f}  p99 {statistics.median([x['p99'] for x in ph]):.1f}", flush=True)
finally:
    for p, u in gws:
        p.terminate(); p.wait(timeout=60)
