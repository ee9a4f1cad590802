#!/usr/bin/env bash
# Times `matchengine match` end to end (read CSV, candidates, counts proof, solve and pricing rounds, write CSV) on
# generated batches in both shapes: mentors abundant (1 mentor per young person) and scarce (0.4 per young person).
# For each run it prints wall time, peak memory (from /usr/bin/time -v), the counts, the status (certified or the
# gap), and the seconds per stage the CLI measured (`match --timings FILE`; summary.json stays free of timings).
# Targets (issue "exact at every size"): 5k under 2 s; 100k under 15 s; 1M under 60 s and 4 GiB; every run certified.
#   SIZES="5000 100000" limits the sizes (young people); SHAPES="1.0 0.4" the mentors per young person;
#   PLACES="scattered colocated": scattered as generated (around towns), or co-located, everyone at one point (a
#   school or an office; the same people with their coordinates set to one place);
#   LIMIT=900 the seconds a run may take before it is stopped and reported as such;
#   TIME_LIMIT=480 passes `--time-limit 480` to match: the engine then writes the match in hand with its certified gap
#   after the first pricing round past that time (unset: every run is solved until certified);
#   MEMORY_LIMIT=4096 passes `--memory-limit 4096` (MiB of the process's peak) the same way;
#   the generated files are kept in $DATA (default /tmp/matchengine-scale).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"5000 100000 1000000"}
SHAPES=${SHAPES:-"1.0 0.4"}
PLACES=${PLACES:-"scattered"}
LIMIT=${LIMIT:-900}
TIME_LIMIT=${TIME_LIMIT:-}
MEMORY_LIMIT=${MEMORY_LIMIT:-}
DATA=${DATA:-/tmp/matchengine-scale}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; } >&2
dotnet build -c Release src/MatchEngine.Cli -nologo -v q >/dev/null
cli=src/MatchEngine.Cli/bin/Release/net10.0/MatchEngine.Cli
printf '%-20s %8s %9s %9s %9s %10s %s\n' batch wall_s peak_MiB matched unmet mean_score status
for n in $SIZES; do
  for shape in $SHAPES; do
  for place in $PLACES; do
    mentors=$(awk -v n="$n" -v s="$shape" 'BEGIN { printf "%d", n * s }')
    base="$DATA/${mentors}x$n"
    [ -s "$base/mentees.csv" ] || $cli generate --mentor-count "$mentors" --mentee-count "$n" --seed 2026 --out "$base" --force >/dev/null
    dir=$base
    if [ "$place" = colocated ]; then
      dir="$base-colocated"
      mkdir -p "$dir"
      for f in mentors mentees; do
        [ -s "$dir/$f.csv" ] || awk -F, -v OFS=, 'NR > 1 { $4 = "52.48620"; $5 = "-1.89040" } { print }' "$base/$f.csv" > "$dir/$f.csv"
      done
    fi
    log=$(mktemp)
    rm -rf "$dir/out"
    if timeout "$LIMIT" /usr/bin/time -v $cli match --mentors "$dir/mentors.csv" --mentees "$dir/mentees.csv" --out "$dir/out" --as-of 2026-09-01 --force --timings "$log.t" ${TIME_LIMIT:+--time-limit "$TIME_LIMIT"} ${MEMORY_LIMIT:+--memory-limit "$MEMORY_LIMIT"} >"$log.out" 2>"$log"; then
      wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
      peak=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.0f", $NF/1024}')
      sum="$dir/out/summary.json"
      matched=$(grep -o '"matched": [0-9]*' "$sum" | head -1 | awk '{print $2}')
      unmet=$(grep -o '"unmet_needs_matched": [0-9]*' "$sum" | head -1 | awk '{print $2}')
      mean=$(grep -o '"mean_score": [0-9.]*' "$sum" | head -1 | awk '{print $2}')
      status=$(grep -o '"solver_status": "[^"]*"' "$sum" | cut -d'"' -f4)
      printf '%-20s %8s %9s %9s %9s %10s %s\n' "${mentors}x$n${place:0:1}" "$wall" "$peak" "$matched" "$unmet" "$mean" "$status"
      # Seconds per stage, as the CLI measured them (match --timings).
      tail -n +2 "$log.t" | grep -v '^total,' | awk -F, '{ printf "    %-11s %7.1f s\n", $1, $2 }'
    else
      printf '%-20s %8s %9s %9s %9s %10s %s\n' "${mentors}x$n${place:0:1}" ">$LIMIT" - - - - "stopped after $LIMIT s (not finished)"
    fi
    rm -f "$log" "$log.out" "$log.t"
  done
  done
done
echo "(batch: mentors x young people, s = scattered, c = co-located)"
