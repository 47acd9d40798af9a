#!/usr/bin/env bash
# The whole process of `ersim run SCENARIO` against its simulation loop (summary.csv's wall_s), the
# start-up goal of docs/performance.md: median of RUNS runs. bash bench/startup-ratio.sh [SCENARIO] [RUNS]
# Also Node's own start (`node -e 0`), which this machine's environment may lengthen: Node 20 reads
# the certificates NODE_EXTRA_CA_CERTS names at every start (50 ms on the development machine).
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
node -e "
const { spawnSync } = require('child_process');
const times = [];
for (let i = 0; i < $RUNS; i++) { const t = process.hrtime.bigint(); spawnSync(process.execPath, ['-e', '0']); times.push(Number(process.hrtime.bigint() - t) / 1e9); }
times.sort((a, b) => a - b);
const extra = process.env.NODE_EXTRA_CA_CERTS;
console.log('node -e 0 ' + times[times.length >> 1].toFixed(3) + ' s (median)' + (extra ? ', NODE_EXTRA_CA_CERTS=' + extra + ' is read at every start' : ''));
"
