#!/usr/bin/env bash
# Benchmarks of issue 7: the generated client against the official SDK, the hand-written minimum and the stock
# OpenAPI Generator native client; and generation time against the stock generator.
#
#   benchmarks/run.sh           quick run (at most 10 minutes): end to end at 4 threads for the clients the RATIO
#                               lines need (the generated client on the default, the OkHttp and the HttpURLConnection
#                               transport), and
#                               the generation benchmark
#   benchmarks/run.sh --full    the RESULTS.md run: also 1 thread, the stock and native-minimum clients, the crypto,
#                               JSON and transport micro benchmarks, and more generation rounds
#
# Also generates the whole bundled API (issue 12) with our plugin and with the stock plugin, one round (three in
# --full; benchmarks/generation/whole/). Prints the same comparisons for the OkHttp transport, the no-op rebuild and
# the two RATIO generate_whole lines (wall clock, peak RSS), then, last, exactly the four RATIO
# lines of the issue for the client as shipped (ratios of medians from this run). Results, logs and a Markdown table go
# to benchmarks/target/results/<quick|full>/. Needs JDK 17+ and Maven; uses the local repository read-only (the
# generation benchmark installs our plugin into a private repository under benchmarks/target/generation/).
set -euo pipefail

# Everything runs inside main, which bash reads whole before running, and the script exits on the line that calls
# it: editing this file during a run is safe.
main() {

cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=quick
if [[ "${1:-}" == "--full" ]]; then
  MODE=full
elif [[ $# -gt 0 ]]; then
  echo "usage: benchmarks/run.sh [--full]" >&2
  exit 2
fi
OUT="$ROOT/benchmarks/target/results/$MODE"
rm -rf "$OUT"
mkdir -p "$OUT"
START=$(date +%s)
log() { echo "[run.sh $(date +%H:%M:%S) +$(( $(date +%s) - START ))s] $*" >&2; }

# Offline first (fast, no network); online only if something is missing from the local repository.
mvn_build() {
  mvn -B -q -o "$@" >"$OUT/build.log" 2>&1 || mvn -B -q "$@" >"$OUT/build.log" 2>&1 || {
    cat "$OUT/build.log" >&2
    return 1
  }
}

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "mode: $MODE"
  echo "cpus: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"

log "building the benchmarks module and what it needs"
mvn_build -P benchmarks -pl benchmarks -am package -Dmaven.test.skip=true -Dinvoker.skip=true
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/benchmark.classpath")"
jmh() {
  java -cp "$CP" org.openjdk.jmh.Main "$@"
}

# ---------------------------------------------------------------------------------------------------------------
# End to end. Each client runs in its own fork, against its own loopback server process. Signed calls need a long
# JIT warm-up (see the toolchain notes): 40 s or more per fork, always.
PROFILERS=(-prof dev.wxpay.bench.profile.ClientCostProfiler -prof gc)
E2E_JSON=()
if [[ $MODE == quick ]]; then
  log "end to end, 4 threads: generated and generated_native on the default and the OkHttp transport, generated on the HttpURLConnection transport, official, minimum"
  jmh 'EndToEndBenchmark\.t4$' \
    -p client=generated,generated_native,generated_okhttp,generated_okhttp_native,generated_urlconnection,official,minimum \
    -f 1 -wi 8 -w 5s -i 3 -r 5s "${PROFILERS[@]}" -rf json -rff "$OUT/e2e.json" >"$OUT/e2e.log" 2>&1
  E2E_JSON+=("$OUT/e2e.json")
else
  log "end to end, 4 threads, all clients"
  jmh 'EndToEndBenchmark\.t4$' \
    -p client=generated,official,minimum,generated_native,minimum_native,stock,generated_okhttp,generated_okhttp_native,generated_urlconnection,generated_urlconnection_native \
    -f 1 -wi 8 -w 5s -i 4 -r 5s "${PROFILERS[@]}" -rf json -rff "$OUT/e2e-t4.json" >"$OUT/e2e-t4.log" 2>&1
  log "end to end, 1 thread"
  jmh 'EndToEndBenchmark\.t1$' -p client=official,minimum,generated,generated_okhttp \
    -f 1 -wi 8 -w 5s -i 4 -r 5s "${PROFILERS[@]}" -rf json -rff "$OUT/e2e-t1.json" >"$OUT/e2e-t1.log" 2>&1
  E2E_JSON+=("$OUT/e2e-t4.json" "$OUT/e2e-t1.json")
  log "micro: crypto and JSON"
  jmh 'CryptoBenchmark' -f 1 -wi 2 -w 2s -i 3 -r 2s "${PROFILERS[@]}" \
    -rf json -rff "$OUT/crypto.json" >"$OUT/crypto.log" 2>&1
  # Jackson's deserialisers need tens of thousands of calls before C2 has compiled them: warm JSON longer.
  jmh 'JsonBenchmark' -f 1 -wi 6 -w 2s -i 3 -r 2s "${PROFILERS[@]}" \
    -rf json -rff "$OUT/json.json" >"$OUT/json.log" 2>&1
  log "micro: bare transports, 4 threads"
  jmh 'TransportBenchmark\.t4$' \
    -p transport=jdk_http11,jdk_http11_direct,jdk_http11_async,jdk_default,runtime_jdk,okhttp,runtime_okhttp,urlconnection,runtime_urlconnection \
    -f 1 -wi 3 -w 2s -i 3 -r 2s "${PROFILERS[@]}" -rf json -rff "$OUT/transport.json" >"$OUT/transport.log" 2>&1
  log "micro: transports after ~1.5 ms of CPU per request (what signing costs), 4 threads"
  jmh 'TransportBenchmark\.(t4|think_only_t4)$' -p transport=jdk_http11,jdk_http11_async,runtime_jdk,okhttp \
    -p thinkTokens=600000 \
    -f 1 -wi 3 -w 3s -i 3 -r 3s "${PROFILERS[@]}" -rf json -rff "$OUT/transport-think.json" \
    >"$OUT/transport-think.log" 2>&1
  E2E_JSON+=("$OUT/crypto.json" "$OUT/json.json" "$OUT/transport.json" "$OUT/transport-think.json")
fi

# ---------------------------------------------------------------------------------------------------------------
# Issue 16: the crypto floor in the same run, both modes. One request signature plus one answer verification with
# raw JCA, JDK and Corretto, 4 threads, the seed's keys and message sizes; the report subtracts it from each client's
# CPU per call and prints the OVERHEAD lines after the RATIO and CPU lines.
crypto_floor() {
  log "crypto floor: sign and verify, JDK and Corretto, 4 threads"
  jmh 'CryptoFloorBenchmark' -f 1 -wi 2 -w 3s -i 3 -r 2s "${PROFILERS[@]}" \
    -rf json -rff "$OUT/floor.json" >"$OUT/floor.log" 2>&1
  E2E_JSON+=("$OUT/floor.json")
}
crypto_floor

# ---------------------------------------------------------------------------------------------------------------
# Generation: `mvn -q generate-sources` of generated-client with our plugin against the stock
# openapi-generator-maven-plugin 7.25.0 (java/native) on the same spec; alternating runs, medians; then the no-op
# rebuild (run again, nothing changed). Running generated-client on its own needs our plugin installed: it goes
# into a private repository that mirrors the local one, never into the shared one.
GEN="$ROOT/benchmarks/target/generation"
REPO="$GEN/m2"
SHARED_REPO="${WXPAY_BENCH_SHARED_REPO:-$HOME/.m2/repository}"
mkdir -p "$GEN"
cat >"$GEN/settings.xml" <<EOF
<settings>
  <localRepository>$REPO</localRepository>
  <mirrors>
    <mirror><id>local-mirror</id><mirrorOf>*</mirrorOf><url>file://$SHARED_REPO</url></mirror>
  </mirrors>
</settings>
EOF
GEN_MVN=(mvn -B -q -s "$GEN/settings.xml")
STOCK_POM="$ROOT/benchmarks/generation/stock/pom.xml"
WXPAY_POM="$ROOT/generated-client/pom.xml"
# Reinstall only when a source of what generated-client's build uses changed since the last install.
STAMP="$GEN/installed.stamp"
if [[ ! -f $STAMP ]] || [[ -n $(find pom.xml spec templates runtime generator-plugin -newer "$STAMP" -type f \
    -not -path '*/target/*' -print -quit) ]]; then
  log "generation: installing our plugin into the private repository"
  "${GEN_MVN[@]}" install -pl spec,templates,runtime,generator-plugin -am -Dmaven.test.skip=true -DskipTests \
    -Dinvoker.skip=true >"$OUT/generation-install.log" 2>&1 || { cat "$OUT/generation-install.log" >&2; exit 1; }
  # Untimed first runs: bring both plugins' dependencies into the private repository.
  "${GEN_MVN[@]}" generate-sources -f "$WXPAY_POM" >"$OUT/generation-prime.log" 2>&1
  "${GEN_MVN[@]}" generate-sources -f "$STOCK_POM" >>"$OUT/generation-prime.log" 2>&1
  touch "$STAMP"
fi

TIMINGS="$OUT/generation.tsv"
: >"$TIMINGS"
timed() { # kind pom clean|keep [phase]
  local kind=$1 pom=$2 clean=$3 phase=${4:-generate-sources}
  if [[ $clean == clean ]]; then rm -rf "$(dirname "$pom")/target"; fi
  local t0 t1
  t0=$(date +%s%N)
  "${GEN_MVN[@]}" -o "$phase" -f "$pom" >>"$OUT/generation.log" 2>&1
  t1=$(date +%s%N)
  awk -v k="$kind" -v a="$t0" -v b="$t1" 'BEGIN { printf "%s %.3f\n", k, (b - a) / 1e9 }' >>"$TIMINGS"
}
ROUNDS=3
if [[ $MODE == full ]]; then ROUNDS=3; fi
log "generation: $ROUNDS alternating rounds of clean generation and no-op rebuild"
for ((i = 1; i <= ROUNDS; i++)); do
  if ((i % 2)); then
    timed wxpay "$WXPAY_POM" clean; timed wxpay_noop "$WXPAY_POM" keep
    timed stock "$STOCK_POM" clean; timed stock_noop "$STOCK_POM" keep
  else
    timed stock "$STOCK_POM" clean; timed stock_noop "$STOCK_POM" keep
    timed wxpay "$WXPAY_POM" clean; timed wxpay_noop "$WXPAY_POM" keep
  fi
  # Maven start-up and the parent's enforcer alone: the floor under both generators (once in a quick run).
  if [[ $MODE == full || $i == 1 ]]; then timed maven_validate_only "$WXPAY_POM" keep validate; fi
done
# The whole bundled API (issue 12): every product with our plugin (one execution, <products>) against the stock plugin
# (one execution per product); wall time and peak RSS. Lines "<kind> <value>" in generation-whole.tsv.
WHOLE_ROUNDS=1
if [[ $MODE == full ]]; then WHOLE_ROUNDS=3; fi
log "generation: $WHOLE_ROUNDS alternating round(s) of the whole API, ours against stock"
echo "load before whole-API generation: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
: >"$OUT/generation-whole.tsv"
"$ROOT/benchmarks/generation/whole/bench.sh" "$WHOLE_ROUNDS" "$GEN/whole" "$OUT/generation-whole.tsv" \
  "$OUT/generation-whole.log" "${GEN_MVN[@]}"
# Leave generated-client as a normal build would, jar included: the clean rounds deleted its target/, and the
# benchmark class path (for runs by hand after this script) points at that jar.
"${GEN_MVN[@]}" -o package -Dmaven.test.skip=true -f "$WXPAY_POM" >>"$OUT/generation.log" 2>&1

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
echo "duration: $(( $(date +%s) - START )) s" >>"$OUT/machine.txt"
log "done in $(( $(date +%s) - START )) s; tables in $OUT/report.md"
java -cp "$CP" dev.wxpay.bench.report.Report "$OUT/report.md" "$TIMINGS" "${E2E_JSON[@]}"
}

# On the same line as the call: bash has read it whole, so nothing after it is read from a file edited meanwhile.
main "$@"; exit $?
