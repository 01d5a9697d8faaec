#!/usr/bin/env bash
# The whole-API generation benchmark of issue 12, run by benchmarks/run.sh after the PayScore generation benchmark:
# clean `mvn -o generate-sources` of every product of the bundled spec with our plugin and with the stock
# openapi-generator-maven-plugin (poms written by poms.sh), alternating, each after deleting target/. Records wall
# time and the Maven JVM's peak resident memory (GNU time's %M: `mvn` execs java, so it is the JVM's own).
#
#   bench.sh <rounds> <work-dir> <results.tsv> <log> <mvn command...>
#
# Appends "wxpay_whole <s>", "stock_whole <s>", "wxpay_whole_rss <MiB>", "stock_whole_rss <MiB>" lines to
# results.tsv, one of each per round.
set -euo pipefail
ROUNDS=$1
WORK=$2
TSV=$3
LOG=$4
shift 4
MVN=("$@")
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
"$ROOT/benchmarks/generation/whole/poms.sh" "$WORK" "$ROOT"
TIME=/usr/bin/time
if [[ ! -x $TIME ]] || ! $TIME -f %M true >/dev/null 2>&1; then
  TIME=""   # no GNU time: wall time only, the RSS ratio prints n/a
fi
one() { # kind
  local kind=$1 pom="$WORK/$1/pom.xml" t0 t1 rss
  rm -rf "$WORK/$kind/target"
  t0=$(date +%s%N)
  if [[ -n $TIME ]]; then
    $TIME -f %M -o "$WORK/$kind.rss" "${MVN[@]}" -o generate-sources -f "$pom" >>"$LOG" 2>&1
  else
    "${MVN[@]}" -o generate-sources -f "$pom" >>"$LOG" 2>&1
  fi
  t1=$(date +%s%N)
  awk -v k="${kind}_whole" -v a="$t0" -v b="$t1" 'BEGIN { printf "%s %.3f\n", k, (b - a) / 1e9 }' >>"$TSV"
  if [[ -n $TIME ]]; then
    rss=$(tail -1 "$WORK/$kind.rss")
    awk -v k="${kind}_whole_rss" -v kb="$rss" 'BEGIN { printf "%s %.1f\n", k, kb / 1024 }' >>"$TSV"
  fi
}
for ((i = 1; i <= ROUNDS; i++)); do
  if ((i % 2)); then one wxpay; one stock; else one stock; one wxpay; fi
done
