#!/bin/bash
# stops exactly the processes started by start.sh (by pid)
cd "$(dirname "$0")"; for f in pids/*; do p=$(cat $f); kill -0 $p 2>/dev/null && kill $p; done
