#!/usr/bin/env bash
# Builds the fuzz targets (libFuzzer + AddressSanitizer) and runs each reader for FUZZ_RUNS
# executions, seeded with Tests/Corpus (FUZZ_TARGETS="csv xml" runs only those). Crashes are kept in
# Fuzz/findings/<target>/ (not committed).
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${FUZZ_RUNS:-1000000}
RT="$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")/lib/swift/clang/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a"
swift build -c release -Xswiftc -enable-testing -Xswiftc -sanitize=fuzzer,address -Xlinker "$RT"
bin=.build/release
seeds=.build/seeds
rm -rf "$seeds"; mkdir -p "$seeds"/{csv,xlsx,xml,xml-schema}
n=0
for f in ../Tests/Corpus/cases/*/*; do
  n=$((n + 1))
  case "$f" in
    */x903-*|*/csv-*.xml) cp "$f" "$seeds/xml/$n" ;;
    */cin-*.xml|*/cin-*/cin.xml) cp "$f" "$seeds/xml-schema/$n" ;;
    *.xlsx) unzip -p "$f" xl/worksheets/sheet1.xml > "$seeds/xlsx/$n" 2>/dev/null || true ;;
    *.csv) cp "$f" "$seeds/csv/$n" ;;
  esac
done
cp ../SampleReturns/cin/2025-26/cin.xml "$seeds/xml-schema/sample"
for target in ${FUZZ_TARGETS:-csv xlsx xml xml-schema}; do
  mkdir -p "findings/$target"
  log="findings/$target.log"
  echo "== fuzz-$target: $RUNS executions (log: Fuzz/$log)"
  # -rss_limit_mb: a reader that needs more memory than this on a small input is a finding too.
  status=0
  "$bin/fuzz-$target" -runs="$RUNS" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="findings/$target/" "$seeds/$target" > "$log" 2>&1 || status=$?
  grep -E "^Done|ERROR|SUMMARY" "$log" || true
  echo "   crashes kept: $(find "findings/$target" -type f | wc -l) (exit $status)"
done
