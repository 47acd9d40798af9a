#!/usr/bin/env bash
# Runs every scenario in scenarios/ (short durations, one worker and no cache) into OUT, so that two
# builds can be compared byte for byte: bash bench/snapshot-outputs.sh /tmp/before; ...; diff -r.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: snapshot-outputs.sh OUT_DIR}
rm -rf "$OUT"; mkdir -p "$OUT"
for f in scenarios/*.yaml; do
  name=$(basename "$f" .yaml)
  # scenarios whose flows are timed for their own duration run at full length
  common=(--out "$OUT/$name" --replications 2 --workers 1 --no-cache --quiet --timeseries 500ms)
  node bin/ersim.js run "$f" "${common[@]}" --duration 4s 2> /dev/null || node bin/ersim.js run "$f" "${common[@]}"
done
node bin/ersim.js compare scenarios/internet-vs-expressroute.yaml --out "$OUT/compare" \
  --duration 6s --workers 2 --no-cache --quiet
node bin/ersim.js run scenarios/internet-vs-expressroute.yaml --out "$OUT/availability" \
  --availability-only --workers 1 --no-cache --quiet
# wall-clock columns differ between any two runs: blank them so that `diff -r` compares the rest
for f in $(find "$OUT" -name summary.csv); do
  awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "wall_s" || $i == "events_per_s") skip[i] = 1; print; next }
    { for (i in skip) $i = "-"; print }' "$f" > "$f.tmp" && mv "$f.tmp" "$f"
done
