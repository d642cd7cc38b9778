#!/bin/bash
# Starts backend + 4 gateway variants; pids in bench/edge/floor/pids/<name>
cd "$(dirname "$0")"; . ../../../scripts/select-jdk.sh; mkdir -p pids logs
javac -d backend/classes backend/Backend.java
nohup java -Xmx256m -XX:+UseSerialGC -cp backend/classes Backend 9000 > logs/backend.log 2>&1 & echo $! > pids/backend
JOPTS="-Xmx512m -XX:+UseSerialGC"
start() { PORT=$2 nohup java $JOPTS -jar $1.jar > logs/$1.log 2>&1 & echo $! > pids/$1; }
start gw-flux-plain 8081
start gw-mvc-plain 8082
start gw-flux-sec 8083
start gw-mvc-sec 8084
# tuned security variants (same sources as *-sec, spike.tuned=true: production gateway's security tuning)
starttuned() { PORT=$2 nohup java $JOPTS -jar $1.jar --spike.tuned=true > logs/$1.log 2>&1 & echo $! > pids/$1; }
starttuned gw-flux-sectuned 8085
starttuned gw-mvc-sectuned 8086
