#!/usr/bin/env bash
# Times MatchEngine's solver and SciPy's linear_sum_assignment on the same dense n x n score matrices
# (n = 1000, 2000, 4000; written once by the C# side) in one run, and prints each ratio.
# Goal (issue "exact at every size"): ratio at most 0.5 at n = 4000. "matchengine_s" is the solve alone on a
# problem built beforehand (SciPy too is handed a ready matrix); "with_building_s" adds building the problem. SciPy comes from Debian (python3-scipy), installed here if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 2000 4000"}
REPEATS=${REPEATS:-3}
if ! /usr/bin/python3 -c 'import scipy' 2>/dev/null; then
  echo "installing python3-scipy from Debian..." >&2
  (apt-get update -qq && apt-get install -y -qq python3-scipy) >&2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release benchmarks/MatchEngine.Benchmarks -nologo -v q >/dev/null
bench="dotnet benchmarks/MatchEngine.Benchmarks/bin/Release/net10.0/MatchEngine.Benchmarks.dll"
$bench dense-matrices "$work" $SIZES
printf '%-6s %14s %14s %8s %16s %10s %s\n' n matchengine_s scipy_s ratio with_building_s ratio optimum_equal
for n in $SIZES; do
  read -r me_s me_total me_built_s < <($bench time-dense "$work/dense$n.i32" "$n" "$REPEATS")
  read -r sp_s sp_total < <(/usr/bin/python3 - "$work/dense$n.i32" "$n" "$REPEATS" <<'PY'
import sys, time, numpy as np
from scipy.optimize import linear_sum_assignment
path, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
m = np.fromfile(path, dtype='<i4').reshape(n, n)
best = float('inf')
for _ in range(repeats):
    t = time.perf_counter()
    r, c = linear_sum_assignment(m, maximize=True)
    best = min(best, time.perf_counter() - t)
print(f"{best:.4f} {int(m[r, c].sum())}")
PY
)
  ratio=$(awk -v a="$me_s" -v b="$sp_s" 'BEGIN { printf "%.2f", a / b }')
  ratio_built=$(awk -v a="$me_built_s" -v b="$sp_s" 'BEGIN { printf "%.2f", a / b }')
  same=$([ "$me_total" = "$sp_total" ] && echo yes || echo "NO ($me_total vs $sp_total)")
  printf '%-6s %14s %14s %8s %16s %10s %s\n' "$n" "$me_s" "$sp_s" "$ratio" "$me_built_s" "$ratio_built" "$same"
done
