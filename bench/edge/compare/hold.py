"""Holds a local stack with the edge benchmark's settings (edge.py) and writes where its parts are to
bench/edge/target/compare/stack.json, until killed (SIGTERM stops the stack). See ../README.md, "Comparing gateway builds"."""
import json, os, signal, sys, time, urllib.error
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
sys.path.insert(0, os.path.join(ROOT, "bench/edge"))
os.chdir(ROOT)
import edge
OUT = os.path.join(ROOT, "bench/edge/target/compare")
os.makedirs(OUT, exist_ok=True)
STATE = os.path.join(OUT, "stack.json")
edge.WORK = os.path.join(ROOT, "bench/edge/target/compare-stack")
stack, services, redis_pid = edge.start_stack()
gw_url, gw_pid = services["gateway"][0]
try:
    edge.post(gw_url + "/api/auth/signup", {"username": "edgebench", "email": "edgebench@example.com", "password": edge.PASSWORD})
except urllib.error.HTTPError as e:
    pass
json.dump({"gateway": [gw_url, gw_pid], "market": services["market-data-service"], "redis": redis_pid,
           "services": services}, open(STATE, "w"))
print("ready", flush=True)
def stop(*_):
    stack.send_signal(signal.SIGTERM)
    stack.wait(timeout=120)
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
while True:
    time.sleep(5)
