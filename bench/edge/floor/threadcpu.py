#!/usr/bin/env python3
"""Per-thread-group CPU of a process over a wrk run. usage: threadcpu.py <pid> <port> <secs>"""
import os, re, sys, subprocess, collections
pid, port, secs = sys.argv[1], sys.argv[2], sys.argv[3]
TCK = os.sysconf("SC_CLK_TCK"); tok = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "keys/token.txt")).read().strip()
def snap():
    d = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            s = open(f"/proc/{pid}/task/{t}/stat").read()
            name = s[s.index("(")+1:s.rindex(")")]; f = s.rsplit(")", 1)[1].split()
            d[t] = (re.sub(r"\d+", "N", name), (int(f[11]) + int(f[12])) / TCK)
        except FileNotFoundError: pass
    return d
a = snap()
out = subprocess.run(["wrk", "-t1", "-c32", f"-d{secs}s", "-H", f"Authorization: Bearer {tok}", f"http://127.0.0.1:{port}/api/quote/ACME"], capture_output=True, text=True).stdout
b = snap()
req = int(re.search(r"(\d+) requests in", out).group(1))
g = collections.Counter()
for t, (n, c) in b.items(): g[n] += c - a.get(t, (n, 0))[1]
tot = sum(g.values())
print(f"{req} requests, total {tot:.2f}s CPU = {tot*1e6/req:.0f} us/req")
for n, c in g.most_common(15):
    if c > 0: print(f"{c*1e6/req:6.0f} us/req {100*c/tot:5.1f}%  {n}")
