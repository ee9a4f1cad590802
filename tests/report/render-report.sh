#!/usr/bin/env bash
# Renders the HTML report of the sample batch in headless Chromium and checks that the page shows its figures
# and charts (with a policy sweep's frontier), loads nothing from the network and logs no error. Installs Debian's
# chromium where missing; where it cannot be installed the check FAILS (exit 1): a report that was never rendered is
# not a passed check.
set -uo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "render-report: installing Debian's chromium..." >&2
  if ! { apt-get update -qq && apt-get install -y -qq chromium; } >/dev/null 2>&1; then
    echo "render-report: FAILED: chromium is not installed and could not be installed here (apt-get install chromium failed); the report was not rendered." >&2
    exit 1
  fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '{"min_cross_background_share": [null, 0.9, 0.93, 0.95, 0.97]}\n' >"$work/grid.json"
dotnet run --project src/MatchEngine.Cli -c Release -- report --mentors samples/mentors.csv --mentees samples/mentees.csv \
  --as-of 2026-09-01 --out "$work/report.html" --title "Sample intake" --policy-grid "$work/grid.json" >/dev/null || { echo "render-report: report failed" >&2; exit 1; }
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
timeout 120 chromium "${flags[@]}" --dump-dom "file://$work/report.html" >"$work/dom.html" 2>"$work/console.log"
timeout 120 chromium "${flags[@]}" --window-size=1100,2600 --screenshot="$work/report.png" "file://$work/report.html" >/dev/null 2>>"$work/console.log"
fail=0
for id in card-matched card-unmet-needs card-cross-background card-mean-score chart-scores chart-group-area chart-group-ethnicity \
          chart-group-gender chart-group-unmet_needs chart-distance chart-capacity comparison chart-strategies \
          unmatched-reasons chart-unmatched chart-reason-CAPACITY_TAKEN sweep-table chart-frontier chart-matched-min-score reproducibility; do
  grep -q "id=\"$id\"" "$work/dom.html" || { echo "render-report: missing #$id in the rendered page" >&2; fail=1; }
done
for text in "262 of 300" "97.6%" "93.5%" "optimal" "greedy" "stable" "random" "first-come" "68.24" "all eligible pairs" "policy sha256"; do
  grep -q "$text" "$work/dom.html" || { echo "render-report: the rendered page does not show '$text'" >&2; fail=1; }
done
if grep -Eq '<script|https?://[^"]*"' <(grep -v 'xmlns="http://www.w3.org/2000/svg"' "$work/dom.html"); then
  echo "render-report: the page has a script or a network reference" >&2; fail=1
fi
if grep -Ei 'Uncaught|CONSOLE\(|ERR_FILE|net::ERR' "$work/console.log"; then
  echo "render-report: the page logged errors" >&2; fail=1
fi
[ -s "$work/report.png" ] || { echo "render-report: no screenshot" >&2; fail=1; }
[ "$fail" -eq 0 ] && echo "render-report: OK ($(wc -c <"$work/dom.html") bytes rendered, screenshot $(wc -c <"$work/report.png") bytes)"
exit "$fail"
