#!/usr/bin/env bash
# The whole process of `ersim run SCENARIO` against its simulation loop (summary.csv's wall_s), the
# start-up goal of docs/performance.md: median of RUNS runs. bash bench/startup-ratio.sh [SCENARIO] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${1:-scenarios/dumbbell-udp.yaml}
RUNS=${2:-10}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  node bin/ersim.js run "$SCENARIO" --out "$OUT/run" --no-cache --quiet > /dev/null
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000 )) $(node -e "const [h, r] = require('fs').readFileSync('$OUT/run/summary.csv', 'utf8').trim().split('\n'); console.log(r.split(',')[h.split(',').indexOf('wall_s')])")"
done | node -e "
const rows = require('fs').readFileSync(0, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2; };
const total = median(rows.map(([us]) => us / 1e6));
const loop = median(rows.map(([, w]) => w));
console.log('whole process ' + total.toFixed(3) + ' s, loop ' + loop.toFixed(3) + ' s, ratio ' + median(rows.map(([us, w]) => us / 1e6 / w)).toFixed(3) + ' (medians of ' + rows.length + ' runs)');
"
