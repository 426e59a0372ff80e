#!/usr/bin/env bash
# Idle memory of a desktop app's whole process tree (the app and WebKit's web and
# network processes): starts `PROGRAM ARGS…` under the current X display, waits
# IDLE_SECONDS (default 10), and prints the PSS and RSS of every process in the tree
# from /proc/PID/smaps_rollup, then their sums. PSS counts shared pages once in all.
#   xvfb-run -a tests/bench/idle-memory.sh /usr/bin/dossier --db /tmp/empty.dossier
set -euo pipefail
idle=${IDLE_SECONDS:-10}
"$@" >/dev/null 2>&1 &
root=$!
trap 'kill -- $(tree $root) 2>/dev/null || true' EXIT
tree() {
  local pid=$1
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do tree "$child"; done
}
sleep "$idle"
total_pss=0 total_rss=0 count=0
for pid in $(tree $root); do
  [ -r /proc/"$pid"/smaps_rollup ] || continue
  pss=$(awk '/^Pss:/ {print $2}' /proc/"$pid"/smaps_rollup)
  rss=$(awk '/^Rss:/ {print $2}' /proc/"$pid"/smaps_rollup)
  [ -n "$pss" ] || continue
  printf '%-24s pid %-7s PSS %6d kB  RSS %6d kB\n' "$(cat /proc/"$pid"/comm)" "$pid" "$pss" "$rss"
  total_pss=$((total_pss + pss)) total_rss=$((total_rss + rss)) count=$((count + 1))
done
printf 'idle after %ss: %d processes, PSS %d MB, RSS %d MB\n' "$idle" "$count" $((total_pss / 1024)) $((total_rss / 1024))
