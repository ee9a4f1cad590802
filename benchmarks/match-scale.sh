#!/usr/bin/env bash
# Times `matchengine match` end to end (read CSV, candidates, solve, write CSV) on generated batches of
# 5,000 x 5,000, 100,000 x 100,000 and 1,000,000 x 1,000,000, with peak memory from /usr/bin/time -v.
# Targets: 5k under 2 s; 100k under 15 s; 1M under 60 s and 4 GiB, proven optimal or a gap under 0.1 %.
# SIZES="5000 100000" limits the sizes; the generated files are kept in $DATA (default /tmp/matchengine-scale).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"5000 100000 1000000"}
DATA=${DATA:-/tmp/matchengine-scale}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; } >&2
dotnet build -c Release src/MatchEngine.Cli -nologo -v q >/dev/null
cli=src/MatchEngine.Cli/bin/Release/net10.0/MatchEngine.Cli
printf '%-9s %9s %9s %8s %9s %11s %s\n' size wall_s peak_MiB matched mean_score gap status
for n in $SIZES; do
  dir="$DATA/$n"
  [ -s "$dir/mentees.csv" ] || $cli generate --mentors "$n" --mentees "$n" --seed 2026 --out "$dir" --force >/dev/null
  log=$(mktemp)
  /usr/bin/time -v $cli match --mentors "$dir/mentors.csv" --mentees "$dir/mentees.csv" --out "$dir/out" --as-of 2026-09-01 --force >"$log.out" 2>"$log"
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  peak=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.0f", $NF/1024}')
  sum="$dir/out/summary.json"
  matched=$(grep -o '"matched": [0-9]*' "$sum" | awk '{print $2}')
  mean=$(grep -o '"mean_score": [0-9.]*' "$sum" | awk '{print $2}')
  gap=$(grep -o '"optimality_gap": [0-9.e-]*' "$sum" | awk '{print $2}'); gap=${gap:-0}
  status=$(grep -o '"solver_status": "[^"]*"' "$sum" | cut -d'"' -f4)
  printf '%-9s %9s %9s %8s %9s %11s %s\n' "${n}x$n" "$wall" "$peak" "$matched" "$mean" "$gap" "$status"
  grep -E '^\[' "$log" | sed 's/^/    /' || true
  rm -f "$log" "$log.out"
done
