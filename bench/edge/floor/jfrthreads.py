#!/usr/bin/env python3
"""Per thread group: sample share, and most common non-JDK/non-reactor 'application' frames (inclusive). usage: jfrthreads.py file.jfr"""
import json, subprocess, sys, collections, os, re
jfr = os.path.join(os.environ["JAVA_HOME"], "bin", "jfr")
ev = json.loads(subprocess.run([jfr, "print", "--json", "--stack-depth", "200", "--events", "jdk.ExecutionSample", sys.argv[1]],
                               capture_output=True, text=True).stdout)["recording"]["events"]
by = collections.defaultdict(list)
for e in ev:
    th = e["values"]["sampledThread"]; name = re.sub(r"\d+", "N", th.get("javaName") or th.get("osName") or "?")
    by[name].append(e["values"]["stackTrace"]["frames"])
n = len(ev)
for name, stacks in sorted(by.items(), key=lambda x: -len(x[1])):
    print(f"\n== {name}: {100*len(stacks)/n:.1f}% of samples")
    inc = collections.Counter()
    for fr in stacks:
        seen = set()
        for f in fr:
            t = f["method"]["type"]["name"]
            if t.startswith(("org/springframework", "com/nimbusds", "spike")):
                k = t + "." + f["method"]["name"]
                if k not in seen: seen.add(k); inc[k] += 1
    for k, v in inc.most_common(12): print(f"  {100*v/len(stacks):5.1f}%  {k}")
