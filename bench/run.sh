#!/usr/bin/env bash
# `make bench`: times statreturn on synthetic councils of 1,000, 10,000 and 100,000
# children, and the public Python validators on the same data at 1,000 and 10,000,
# in the same run, then writes BENCHMARKS.md. Needs the release build (make release).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/statreturn
VENV=.venv-bench
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q csc-validator-be-903 csc-validator-be-cin

# Runs a command under /usr/bin/time; prints "seconds peak-MB". Exit 0 or 1 (findings) is a
# completed run; anything else stops the benchmark.
measure() {
    local status=0
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/out" 2> "$WORK/err" || status=$?
    if [ "$status" -gt 1 ]; then echo "failed ($status): $*" >&2; tail -5 "$WORK/err" >&2; exit 1; fi
    tail -1 "$WORK/time" | awk '{ printf "%s %.0f\n", $1, $2 / 1024 }'
}

records() { local n=0; for f in "$1"/*.csv; do n=$((n + $(wc -l < "$f") - 1)); done; echo "$n"; }

rows=""
run() {  # return, year, python ruleset, sizes compared with Python
    local ret=$1 year=$2 ruleset=$3
    for n in 1000 10000 100000; do
        "$BIN" generate "$ret" --year "$year" --children "$n" --seed 1 --error-rate 0.02 --out "$WORK/$ret-$n" > /dev/null
        local folder="$WORK/$ret-$n/$ret-$year"
        local count; count=$(records "$folder")
        local input="$folder"
        if [ "$ret" = cin ]; then
            # The census is timed on its XML form, as councils submit it (and as the Python validator reads it).
            "$BIN" export cin --year "$year" "$folder" --out "$WORK/$ret-$n/census.xml" --lea 999 --draft > /dev/null 2>&1
            input="$WORK/$ret-$n/census.DRAFT.xml"
        fi
        read -r secs mb < <(measure "$BIN" validate "$ret" --year "$year" "$input")
        local rate; rate=$(awk -v r="$count" -v s="$secs" 'BEGIN { printf "%.0f", r / (s > 0 ? s : 0.01) }')
        local py="-" pymb="-" ratio="-"
        if [ "$n" -le 10000 ]; then
            read -r py pymb < <(measure "$VENV/bin/python" bench/python_validator.py "$ret" "$input" "$ruleset")
            ratio=$(awk -v p="$py" -v s="$secs" 'BEGIN { printf "%.0fx", p / (s > 0 ? s : 0.01) }')
        fi
        echo "$ret $n: $secs s, $mb MB; python $py s, $pymb MB" >&2
        rows+="| $ret $year | $n | $count | $secs | $mb | $rate | $py | $pymb | $ratio |"$'\n'
    done
}

run ssda903 2026-27 lac2026_27
run cin 2025-26 cin2025_26

cat > BENCHMARKS.md <<MD
# Benchmarks

Made by \`make bench\` on $(date -u +"%Y-%m-%d %H:%M UTC"): $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ { print $2 }') GiB memory.

Each council is made by \`statreturn generate <return> --year <year> --children N --seed 1 --error-rate 0.02\`
and timed with \`/usr/bin/time\` running \`statreturn validate <return> --year <year> <folder>\`
(release build, all rules, rules in parallel on every core) and, on the same files,
the public Python validators (\`bench/python_validator.py\`, which drives csc-validator-be-903
(ruleset lac2026_27) and csc-validator-be-cin (ruleset cin2025_26) through their own library
APIs). The CIN census is given to both as XML (made with \`statreturn export cin --draft\`).
Wall time covers reading the input and running every rule; peak memory is the maximum
resident set size. "Records" counts the rows of all tables.

| return | children | records | StatReturn wall (s) | peak MB | records/s | Python wall (s) | Python peak MB | speed-up |
|---|---|---|---|---|---|---|---|---|
$rows
Targets (issue 5): at 100,000 children, under 10 s for each return and under 2 GB for the
SSDA903; at 10,000 children, at least 50 times faster than the public validator.

Where the time goes: \`statreturn validate ... --timings\` prints each phase (reading and
loading, indexing and the derived tables, rules) and the slowest rules. At 100,000 children
most of the time is reading and parsing the files (for the CIN census, its XML, checked
against the schema as it is read); facts several rules share, such as which children were
looked after for the whole year, are worked out once, as derived tables of the spec.
MD
echo "Wrote BENCHMARKS.md" >&2
