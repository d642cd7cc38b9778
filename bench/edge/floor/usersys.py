#!/usr/bin/env python3
"""user vs system CPU per request for one variant. usage: usersys.py <name> <port> <secs>"""
import os, re, sys, subprocess
D=os.path.dirname(os.path.abspath(__file__)); n, port, secs = sys.argv[1:4]; TCK=os.sysconf("SC_CLK_TCK"); tok=open(f"{D}/keys/token.txt").read().strip()
def st(p): f=open(f"/proc/{p}/stat").read().rsplit(")",1)[1].split(); return int(f[11])/TCK, int(f[12])/TCK
g=int(open(f"{D}/pids/{n}").read()); b=int(open(f"{D}/pids/backend").read())
g0,b0=st(g),st(b)
out=subprocess.run(["wrk","-t1","-c32",f"-d{secs}s","-H",f"Authorization: Bearer {tok}",f"http://127.0.0.1:{port}/api/quote/ACME"],capture_output=True,text=True).stdout
g1,b1=st(g),st(b); r=int(re.search(r"(\d+) requests in",out).group(1))
print(f"{n}: {r} req; gateway user {(g1[0]-g0[0])*1e6/r:.0f} + sys {(g1[1]-g0[1])*1e6/r:.0f} us/req; backend user {(b1[0]-b0[0])*1e6/r:.0f} + sys {(b1[1]-b0[1])*1e6/r:.0f} us/req")
