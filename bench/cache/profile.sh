#!/usr/bin/env bash
# Cache misses per simulated event, by function, in the steady state of the generated enterprise:
# callgrind's cache simulation (deterministic, unlike timings on a shared host), switched on for the
# window only. Needs valgrind (apt install valgrind) and a build (npm run build).
# bash bench/cache/profile.sh [USERS] [WARM_S] [WINDOW_S] [LL_SPEC] [ROOT]
# LL_SPEC is size,ways,line for the last level; the default, 1 MiB with 256 ways, stands for this
# host's L2: physically indexed, where valgrind's virtually indexed model with few ways would put
# every V8 page header (256 KiB-aligned) into one set and count misses the hardware does not have.
set -euo pipefail
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
USERS=${1:-120000}
WARM=${2:-2}
WINDOW=${3:-0.1}
LL=${4:-1048576,256,64}
# ROOT (a checkout with a build) is read from where the command was given; the default is this one
ROOT=$(cd "${5:-$(dirname "$0")/../..}" && pwd)
cd "$(dirname "$0")/../.."
[[ "$USERS" =~ ^[1-9][0-9]*$ && "$WARM" =~ ^[0-9]+(\.[0-9]+)?$ && "$WINDOW" =~ ^[0-9]*\.?[0-9]+$ && "$LL" =~ ^[0-9]+,[0-9]+,[0-9]+$ ]] ||
  { echo "profile.sh: expected USERS (a whole number), WARM_S, WINDOW_S (seconds) and LL_SPEC (size,ways,line); see --help" >&2; exit 2; }
command -v valgrind > /dev/null || { echo "profile.sh: valgrind is not installed (apt install valgrind)" >&2; exit 2; }
[[ -f "$ROOT/dist/bench/scenario.bench.js" ]] || { echo "profile.sh: $ROOT has no build (npm run build)" >&2; exit 2; }
WORK=$(mktemp -d)
# node writes its perf map to /tmp/perf-PID.map (PID: valgrind's, named in callgrind's output)
cleanup() {
  local pid
  pid=$(sed -n 's/^pid: //p' "$WORK/callgrind.out" 2> /dev/null || true)
  [[ -n "$pid" ]] && rm -f "/tmp/perf-$pid.map"
  rm -rf "$WORK"
}
trap cleanup EXIT
ERSIM_CALLGRIND=1 valgrind --tool=callgrind --instr-atstart=no --cache-sim=yes --dump-instr=yes \
  --D1=32768,8,64 --LL="$LL" --callgrind-out-file="$WORK/callgrind.out" \
  node --single-threaded --expose-gc --perf-basic-prof --logfile="$WORK/v8.log" --no-logfile-per-isolate bench/cache/window.mjs "$ROOT" "$USERS" "$WARM" "$WINDOW" \
  2> "$WORK/stderr" || { cat "$WORK/stderr" >&2; exit 1; }
PID=$(sed -n 's/^pid: //p' "$WORK/callgrind.out")
EVENTS=$(sed -n 's/^window events \([0-9]*\) hops \([0-9]*\)$/\1/p' "$WORK/stderr")
HOPS=$(sed -n 's/^window events \([0-9]*\) hops \([0-9]*\)$/\2/p' "$WORK/stderr")
echo "$USERS users, window ${WINDOW} s after ${WARM} s: $EVENTS events, $HOPS hops"
node bench/cache/by-function.mjs "$WORK/callgrind.out" "/tmp/perf-$PID.map" "$EVENTS" 20
