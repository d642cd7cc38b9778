"""Start-up benchmark driver (bench/startup/run.sh).

Part 1, the whole stack: the local-stack launcher on random ports, from its start to "Stock Radar is ready", for
each variant in turn (interleaved rounds), then once more with no start-up cache at all (the first start after a
build, training included).
Part 2, each service alone: the last stack's infrastructure (PostgreSQL, Redis, Kafka) stays up, its services are
stopped, and each service is started by itself with the environment and arguments the launcher gave it, from the
uber jar (today) and from the extracted jar with the AOT cache the launcher trained, interleaved.

Time to ready = from spawning the JVM to /actuator/health/readiness answering 200 (polled every 50 ms); also the
"Started X in N seconds" of Spring Boot's log and the process's CPU time (/proc/<pid>/stat) at ready.
Settings come from the environment (see run.sh)."""
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.getcwd()
OUT = os.path.join(ROOT, "bench/startup/target")
WORK = os.path.join(OUT, "stack")
STACK_ROUNDS = int(os.environ.get("STACK_ROUNDS", "3"))
SERVICE_ROUNDS = int(os.environ.get("SERVICE_ROUNDS", "3"))
STACK_JVM = os.environ.get("STACK_JVM", "-Xmx512m -XX:+UseSerialGC")
# name -> launcher system properties
BASELINE = os.environ.get("BASELINE_LAUNCHER")
STACK_VARIANTS = {
    "before (launcher of BASELINE_REF)": {"jar": BASELINE},
    "AOT cache, all at once": {"stockradar.startup-cache": "true", "stockradar.start-concurrency": "0"},
    "AOT cache, 2 at a time": {"stockradar.startup-cache": "true", "stockradar.start-concurrency": "2"},
}
ONLY = [v.strip() for v in os.environ.get("STACK_VARIANTS", "").split(",") if v.strip()]
if ONLY:
    STACK_VARIANTS = {k: v for i, (k, v) in enumerate(STACK_VARIANTS.items()) if str(i + 1) in ONLY}
SERVICES = ["auth-service", "market-data-service", "agent-service", "history-service", "gateway"]
TICK = os.sysconf("SC_CLK_TCK")
STARTED = re.compile(r"Started \S+ in ([\d.]+) seconds \(process running for ([\d.]+)\)")
WARM_UP = re.compile(r"Password hashing warmed up: \d+ Argon2id hashes in (\d+) ms")


def log(msg=""):
    print(msg, flush=True)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ready(url):
    try:
        with urllib.request.urlopen(url + "/actuator/health/readiness", timeout=2) as r:
            return r.status == 200
    except Exception:
        return False


def machine_note():
    with open("/proc/loadavg") as f:
        return f"load average {f.read().split()[0]} on {os.cpu_count()} cores"


# ---- part 1: the whole stack ------------------------------------------------------------------------------------

def start_stack(props, log_name):
    env = dict(os.environ, MARKET_DATA_PROVIDER="demo")
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
    path = os.path.join(OUT, log_name)
    out = open(path, "w")
    args = [java, f"-Dstockradar.root={ROOT}", "-Dstockradar.random-ports=true", f"-Dstockradar.work-dir={WORK}",
            "-Dstockradar.persistent=false", f"-Dstockradar.jvm-args={STACK_JVM}"]
    args += [f"-D{k}={v}" for k, v in props.items() if k != "jar"]
    jar = props.get("jar") or "local-stack/target/local-stack-exec.jar"
    begin = time.monotonic()
    proc = subprocess.Popen(args + ["-jar", jar], env=env, stdout=out,
                            stderr=subprocess.STDOUT, start_new_session=True)
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"the local stack exited; see {path}")
        text = open(path).read()
        if "Stock Radar is ready at" in text:
            seconds = time.monotonic() - begin
            break
        if time.monotonic() - begin > 600:
            stop_stack(proc, [])
            raise SystemExit(f"the local stack did not start in 10 minutes; see {path}")
        time.sleep(0.2)
    services = [(name, url, int(pid)) for name, url, pid in
                re.findall(r"\] +(\S+) ready on (http://\S+) \(pid (\d+)\)", text)]
    cpu = sum(cpu_seconds(pid) for _, _, pid in services)
    training = sum(int(s) for s in re.findall(r"start-up cache trained in (\d+) s", text))
    return proc, services, seconds, cpu, training


def stop_stack(proc, services):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(120)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    for _, _, pid in services:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def part_stack():
    results = {name: [] for name in STACK_VARIANTS}
    names = list(STACK_VARIANTS)
    kept = None
    # one untimed start with the cache on first, so that every timed cache run finds it trained
    trained = all(os.path.isfile(os.path.join(WORK, "aot", s, f"{s}.aot")) for s in SERVICES)
    if not trained and any(p.get("stockradar.startup-cache") == "true" for p in STACK_VARIANTS.values()):
        log("training the start-up caches (first start with the cache on, not timed here) ...")
        proc, services, seconds, _, training = start_stack({"stockradar.startup-cache": "true"}, "stack-training.log")
        log(f"  ready after {seconds:.0f} s, of which training {training} s (summed over the services)")
        stop_stack(proc, services)
    for r in range(STACK_ROUNDS):
        order = names if r % 2 == 0 else list(reversed(names))
        for name in order:
            last = r == STACK_ROUNDS - 1 and name == order[-1]
            proc, services, seconds, cpu, _ = start_stack(STACK_VARIANTS[name], f"stack-{r + 1}-{names.index(name) + 1}.log")
            results[name].append((seconds, cpu))
            log(f"round {r + 1}  {name:34s} ready in {seconds:6.1f} s, services' CPU {cpu:6.1f} s   ({machine_note()})")
            if last:
                kept = (proc, services)
            else:
                stop_stack(proc, services)
    return results, kept


def first_run():
    """No cache at all: what the first ./stack.sh after a build costs (extraction and training included)."""
    shutil.rmtree(os.path.join(WORK, "aot"), ignore_errors=True)
    props = {"stockradar.startup-cache": "true", "stockradar.start-concurrency": os.environ.get("CONCURRENCY", "2")}
    proc, services, seconds, cpu, training = start_stack(props, "stack-first-run.log")
    log(f"first start after a build (no cache yet), {props}: ready in {seconds:.1f} s, "
        f"training {training} s summed over the services   ({machine_note()})")
    stop_stack(proc, services)
    return seconds, training


# ---- part 2: each service alone ---------------------------------------------------------------------------------

def service_commands(services):
    """For each service, the launcher's environment and application arguments of its first instance."""
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
    specs = {}
    for name, _, pid in services:
        if name in specs:
            continue
        with open(f"/proc/{pid}/environ", "rb") as f:
            env = dict(kv.split("=", 1) for kv in f.read().decode().split("\0") if "=" in kv)
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = [a for a in f.read().decode().split("\0") if a]
        # the ports are chosen afresh for each start (start_one); the gateway's actuator has a port of its own
        app_args = [a for a in cmd[cmd.index("-jar") + 2:]
                    if not a.startswith(("--server.port=", "--management.server.port="))]
        uber = os.path.join(ROOT, name, "target", f"{name}-0.1.0-SNAPSHOT.jar")
        aot_dir = os.path.join(WORK, "aot", name)
        extracted = os.path.join(aot_dir, "app", f"{name}-0.1.0-SNAPSHOT.jar")
        cache = os.path.join(aot_dir, f"{name}.aot")
        jvm = STACK_JVM.split()
        variants = {"uber jar (before)": [java] + jvm + ["-jar", uber]}
        if os.path.isfile(cache):
            if os.environ.get("EXTRACTED_NO_CACHE") == "1":
                variants["extracted, no cache"] = [java] + jvm + ["-jar", extracted]
            variants["extracted + AOT cache"] = [java, f"-XX:AOTCache={cache}"] + jvm + ["-jar", extracted]
        specs[name] = (env, app_args, variants)
    return specs


def start_one(name, env, app_args, command, tag):
    port = free_port()
    env = dict(env, PORT=str(port))
    ports = [f"--server.port={port}"]
    url = f"http://localhost:{port}"
    if "MANAGEMENT_PORT" in env:  # the gateway: its actuator (readiness) on a port of its own
        management = free_port()
        env["MANAGEMENT_PORT"] = str(management)
        ports.append(f"--management.server.port={management}")
        url = f"http://localhost:{management}"
    path = os.path.join(OUT, f"alone-{name}-{tag}.log")
    out = open(path, "w")
    begin = time.monotonic()
    proc = subprocess.Popen(command + ports + app_args, env=env, stdout=out,
                            stderr=subprocess.STDOUT)
    while not ready(url):
        if proc.poll() is not None:
            raise SystemExit(f"{name} exited; see {path}")
        if time.monotonic() - begin > 300:
            proc.kill()
            raise SystemExit(f"{name} not ready in 300 s; see {path}")
        time.sleep(0.05)
    seconds = time.monotonic() - begin
    cpu = cpu_seconds(proc.pid)
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    text = open(path).read()
    m = STARTED.search(text)
    w = WARM_UP.search(text)
    return seconds, cpu, float(m.group(1)) if m else float("nan"), int(w.group(1)) / 1000 if w else None


def part_services(specs):
    results = {}
    for r in range(SERVICE_ROUNDS):
        for name in SERVICES:
            env, app_args, variants = specs[name]
            order = list(variants) if r % 2 == 0 else list(reversed(variants))
            for variant in order:
                seconds, cpu, started, warm = start_one(name, env, app_args, variants[variant], f"{r + 1}-{list(variants).index(variant)}")
                results.setdefault(name, {}).setdefault(variant, []).append((seconds, cpu, started, warm))
                extra = f", Argon2 warm-up {warm:.1f} s" if warm is not None else ""
                log(f"round {r + 1}  {name:20s} {variant:22s} ready {seconds:5.1f} s, Spring 'Started' {started:5.1f} s, "
                    f"CPU {cpu:5.1f} s{extra}   ({machine_note()})")
    return results


def med(values):
    return statistics.median(values) if values else float("nan")


def main():
    os.makedirs(OUT, exist_ok=True)
    log(f"start-up benchmark {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, JVM options {STACK_JVM}, {machine_note()}")
    log(subprocess.run([os.path.join(os.environ["JAVA_HOME"], "bin", "java"), "-version"], capture_output=True,
                       text=True).stderr.splitlines()[1])
    first = None
    if os.environ.get("FIRST_RUN", "1") == "1":
        first = first_run()
    stack, kept = part_stack()
    # part 2 runs on the last stack's infrastructure; a cache variant ran last, so the caches are in WORK/aot
    proc, services = kept
    try:
        specs = service_commands(services)  # before stopping them: read from /proc/<pid>
        for _, _, pid in services:
            os.kill(pid, signal.SIGTERM)
        for _, _, pid in services:
            for _ in range(600):
                if not alive(pid):
                    break
                time.sleep(0.1)
        alone = part_services(specs) if SERVICE_ROUNDS > 0 else {}
    finally:
        stop_stack(proc, services)

    log()
    log("== whole stack: launcher start to 'Stock Radar is ready' (median of rounds; services' CPU at ready) ==")
    base = next(iter(stack))
    for name, runs in stack.items():
        s = med([x[0] for x in runs])
        log(f"  {name:34s} {s:6.1f} s  (runs {', '.join(f'{x[0]:.0f}' for x in runs)})  CPU {med([x[1] for x in runs]):6.1f} s"
            f"   ratio to {base.split(' (')[0]}: {s / med([x[0] for x in stack[base]]):.2f}")
    if first:
        log(f"  first start after a build (cache trained first): {first[0]:.0f} s, training {first[1]} s summed")
    if alone:
        log()
        log("== each service alone, infrastructure up: spawn to readiness 200 (median; Spring 'Started'; CPU at ready) ==")
        for name, variants in alone.items():
            b = med([x[0] for x in variants["uber jar (before)"]])
            for variant, runs in variants.items():
                s = med([x[0] for x in runs])
                warm = [x[3] for x in runs if x[3] is not None]
                extra = f"  Argon2 warm-up {med(warm):.1f} s" if warm else ""
                log(f"  {name:20s} {variant:22s} ready {s:5.1f} s  Started {med([x[2] for x in runs]):5.1f} s  "
                    f"CPU {med([x[1] for x in runs]):5.1f} s  ratio {s / b:.2f}{extra}")


if __name__ == "__main__":
    main()
