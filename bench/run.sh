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

# The sqlite3 shell loading the same CSV files into an in-memory database (no typing, no
# checks, no rules): the floor any loader of these files is compared with.
import_csv() {
    : > "$WORK/import.sql"
    for f in "$1"/*.csv; do echo ".import --csv '$f' t_$(basename "$f" .csv)" >> "$WORK/import.sql"; done
    measure sqlite3 :memory: ".read $WORK/import.sql"
}

rows=""
declare -A at10k
run() {  # return, year, python ruleset
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
        read -r imp _ < <(import_csv "$folder")
        local rate; rate=$(awk -v r="$count" -v s="$secs" 'BEGIN { printf "%.0f", r / (s > 0 ? s : 0.01) }')
        local vsimp; vsimp=$(awk -v a="$secs" -v b="$imp" 'BEGIN { printf "%.1fx", a / (b > 0 ? b : 0.01) }')
        local py="-" pymb="-" ratio="-" growth="-"
        if [ "$n" -le 10000 ]; then
            read -r py pymb < <(measure "$VENV/bin/python" bench/python_validator.py "$ret" "$input" "$ruleset")
            ratio=$(awk -v p="$py" -v s="$secs" 'BEGIN { printf "%.0fx", p / (s > 0 ? s : 0.01) }')
        fi
        [ "$n" = 10000 ] && at10k[$ret]=$secs
        [ "$n" = 100000 ] && growth=$(awk -v a="$secs" -v b="${at10k[$ret]}" 'BEGIN { printf "%.1fx", a / (b > 0 ? b : 0.01) }')
        echo "$ret $n: $secs s, $mb MB; sqlite3 import $imp s; python $py s, $pymb MB" >&2
        rows+="| $ret $year | $n | $count | $secs | $mb | $rate | $growth | $imp | $vsimp | $py | $pymb | $ratio |"$'\n'
    done
}

run ssda903 2026-27 lac2026_27
run cin 2025-26 cin2025_26

# The other paths, at 100,000 children: loading a spec, writing the submissions, the SSD route, Annex A.
paths=""
path() {  # what, command...
    local what=$1; shift
    read -r secs mb < <(measure "$@")
    echo "$what: $secs s, $mb MB" >&2
    paths+="| $what | $secs | $mb |"$'\n'
}
export STATRETURN_CACHE="$WORK/spec-cache"
path "load the SSDA903 spec, first run (parse ~440 YAML files, check, store)" "$BIN" rules ssda903 --year 2026-27
path "load the SSDA903 spec, from the cache" "$BIN" rules ssda903 --year 2026-27
"$BIN" rules cin --year 2025-26 > /dev/null
path "load the CIN spec, from the cache" "$BIN" rules cin --year 2025-26
path "export ssda903 (CSV), 100,000 children" "$BIN" export ssda903 --year 2026-27 "$WORK/ssda903-100000/ssda903-2026-27" --out "$WORK/export-903" --draft
path "export cin (XML), 100,000 children" "$BIN" export cin --year 2025-26 "$WORK/cin-100000/cin-2025-26" --out "$WORK/export-cin.xml" --lea 999 --draft
"$BIN" generate ssd --year 2026-27 --children 100000 --seed 1 --out "$WORK/ssd-100000" > /dev/null
SSD="$WORK/ssd-100000/ssd-1.0"
path "validate ssda903 from an SSD extract (CSV), 100,000 children" "$BIN" validate ssda903 --year 2026-27 --ssd "$SSD"
path "validate cin from an SSD extract (CSV), 100,000 children" "$BIN" validate cin --year 2025-26 --ssd "$SSD"
path "Annex A lists 1-11 from an SSD extract (CSV), 100,000 children" "$BIN" annex-a --inspection-date 01/03/2027 --ssd "$SSD" --out "$WORK/annex-a.xlsx"
unset STATRETURN_CACHE

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
resident set size. "Records" counts the rows of all tables. "sqlite3 .import" is the sqlite3
shell loading the same CSV tables into an in-memory database (for the census, the CSV tables
its XML was made from), untyped and unchecked; "vs import" is StatReturn's time over it.
"Growth" is the 100,000-child time over the 10,000-child time (linear would be 10x).
Everything in a row is measured in the same run.

| return | children | records | StatReturn wall (s) | peak MB | records/s | growth | sqlite3 .import (s) | vs import | Python wall (s) | Python peak MB | speed-up |
|---|---|---|---|---|---|---|---|---|---|---|---|
$rows
| other path | wall (s) | peak MB |
|---|---|---|
$paths
Targets (issue 17): at 10,000 children at least 50 times faster than the public validator;
at 100,000 children each return in under 3 s and under 1 GB, and no slower than twice the
sqlite3 shell's import; growth at most 12x; a spec loaded in under 50 ms.

Where the time goes: \`statreturn validate ... --timings\` prints each phase (reading and
loading, indexing and the derived tables, rules) and the slowest rules.
MD
echo "Wrote BENCHMARKS.md" >&2
