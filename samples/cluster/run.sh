#!/usr/bin/env bash
# A three-node AgentOs cluster on one machine: three `agentos node` processes share a PostgreSQL store, a named VM
# keeps its files across calls, and comes back on a surviving node when the node holding it is killed.
#
#   samples/cluster/run.sh                 # starts a throw-away PostgreSQL server (needs initdb and postgres)
#   AGENTOS_CLUSTER=postgres://USER@HOST/DB samples/cluster/run.sh   # or uses your database
#
# AGENTOS names the agentos command (default: agentos on PATH).
set -euo pipefail
agentos=${AGENTOS:-agentos}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

url=${AGENTOS_CLUSTER:-}
if [ -z "$url" ]; then
  bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || command -v initdb)")
  # PostgreSQL will not run as root: then it runs as the postgres user.
  as=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$work"; as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$work/pg" -U agentos --auth=trust --no-sync >/dev/null
  "${as[@]}" "$bin/postgres" -D "$work/pg" -k "$work" -p 55439 -c listen_addresses=127.0.0.1 >"$work/pg.log" 2>&1 &
  pids+=($!)
  until "$bin/pg_isready" -q -h 127.0.0.1 -p 55439; do sleep 0.2; done
  "${as[@]}" "$bin/psql" -q -h 127.0.0.1 -p 55439 -U agentos -d postgres -c 'CREATE DATABASE agentos'
  url=postgres://agentos@127.0.0.1:55439/agentos
fi

# Three nodes, each with its own silo and gateway port; the first one creates Orleans' tables in the store.
for i in 1 2 3; do
  "$agentos" node --cluster "$url" --silo-port "1111$i" --gateway-port "3000$i" 2>"$work/node$i.log" &
  pids+=($!)
  node[$i]=$!
done
for i in 1 2 3; do
  until grep -q 'agentos node: member of' "$work/node$i.log"; do
    kill -0 "${node[$i]}" 2>/dev/null || { cat "$work/node$i.log" >&2; exit 1; }
    sleep 0.5
  done
done
echo "three nodes up"

# The VM "demo" is created on first use (with these limits) on the node with the most room, and keeps its files.
"$agentos" exec --cluster "$url" --vm demo --max-filesystem-bytes 32M -- 'echo hello from the cluster > greeting'
"$agentos" exec --cluster "$url" --vm demo -- 'cat greeting'
"$agentos" cluster vms --cluster "$url"

# Kill the node holding it, as a crash would: the next call brings the VM back on a survivor from the store.
silo=$("$agentos" cluster vms --cluster "$url" | awk -F'\t' '$1 == "demo" { print $2 }')
i=${silo##*:}; i=${i#1111}
kill -KILL "${node[$i]}"
wait "${node[$i]}" 2>/dev/null || true
echo "killed node $i ($silo)"
"$agentos" exec --cluster "$url" --vm demo -- 'cat greeting'
sleep 3 # the listing follows the silos' periodic reports
"$agentos" cluster vms --cluster "$url"
