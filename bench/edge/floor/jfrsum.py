#!/usr/bin/env python3
"""Summarise jdk.ExecutionSample from a JFR file: top self frames, top self packages, and inclusive 'buckets'.
usage: jfrsum.py file.jfr"""
import json, subprocess, sys, collections, os
jfr = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "jfr")
data = json.loads(subprocess.run([jfr, "print", "--json", "--stack-depth", "200", "--events", "jdk.ExecutionSample", sys.argv[1]],
                                 capture_output=True, text=True).stdout)
ev = data["recording"]["events"]
def fname(f):
    m = f["method"]; return m["type"]["name"] + "." + m["name"]
selfc, pkgc, incl = collections.Counter(), collections.Counter(), collections.Counter()
BUCKETS = [  # first match wins, checked against every frame of the stack (inclusive)
    ("spring-security (WebFilterChainProxy etc.)", "org.springframework.security."),
    ("jwt decode / nimbus", "com.nimbusds."),
    ("scg NettyRoutingFilter/NettyWriteResponseFilter (proxy client)", "org.springframework.cloud.gateway.filter.Netty"),
    ("scg RoutePredicateHandlerMapping (route lookup)", "org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping"),
    ("scg other filters", "org.springframework.cloud.gateway."),
    ("reactor-netty http client", "reactor.netty.http.client."),
    ("reactor-netty http server", "reactor.netty.http.server."),
]
n = len(ev)
for e in ev:
    fr = e["values"]["stackTrace"]["frames"]
    if not fr: continue
    top = fname(fr[0]); selfc[top] += 1
    t = fr[0]["method"]["type"]["name"]; pkgc[".".join(t.split(".")[:3])] += 1
    names = [fname(f) for f in fr]
    for label, pref in BUCKETS:
        if any(x.startswith(pref) for x in names): incl[label] += 1
print(f"{n} samples")
print("\n-- top self frames --")
for k, v in selfc.most_common(30): print(f"{100*v/n:5.1f}%  {k}")
print("\n-- self time by package (first 3 segments) --")
for k, v in pkgc.most_common(20): print(f"{100*v/n:5.1f}%  {k}")
print("\n-- inclusive (stack contains), overlapping --")
for k, v in incl.most_common(): print(f"{100*v/n:5.1f}%  {k}")
