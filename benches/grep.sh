#!/usr/bin/env bash
# `privreg lint` of a large policy against `grep -E` over the same bytes (issue 18 item 4:
# lint within 6 times grep's time).
#
#   cargo build --release && benches/grep.sh [RUNS]
#
# Two policies of PRIVREG_BENCH_MB megabytes (default 50):
# - "excerpts": the corpus of real excerpts (tests/fixtures/corpus/citations.tsv, one
#   sentence a line, every one citing a law, in eight languages) repeated: the densest
#   text there is, three citations and three findings a kilobyte;
# - "seed": the seed chapter (../shared/seed/privacy-policy-section-10.txt, sections
#   10.1-10.5 of a real policy) repeated: a policy's own density, a citation every 1.3 KB
#   and a finding every 4.6 KB. Skipped when ../shared is not there.
# grep counts the lines that hold `Art\. ?[0-9]+`, the least a citation linter has to
# find; privreg reads, parses and checks every citation and writes its findings as JSON.
# Prints the CPU time (user and system) and the wall time of the fastest of RUNS (default
# 5) interleaved runs of each, their throughput and the ratios: privreg scans and checks a
# large policy on every core (PRIVREG_JOBS), grep on one. It reports; it never fails on a
# figure.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PRIVREG:-${CARGO_TARGET_DIR:-$root/target}/release/privreg}
runs=${1:-5}
mb=${PRIVREG_BENCH_MB:-50}
[ -x "$bin" ] || { echo "no release binary at $bin (cargo build --release)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "needs python3 (to read the CPU time)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -F'\t' '!/^#/ && NF >= 4 { print $4 }' "$root/tests/fixtures/corpus/citations.tsv" >"$tmp/excerpts.one"
seed=$root/../shared/seed/privacy-policy-section-10.txt
[ -f "$seed" ] && cp "$seed" "$tmp/seed.one"

# CPU and wall seconds of one run of the command, to the microsecond (GNU time's %U and %S
# count hundredths, and grep takes two of them). Its output goes to a file: GNU grep stops
# at the first match when it writes to /dev/null.
cpu() {
    python3 - "$tmp/out" "$@" <<'PY'
import resource, subprocess, sys, time
def children():
    # Children this process waited for before, too: a python3 shim's own, for one.
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
before = children()
with open(sys.argv[1], "wb") as out:
    started = time.perf_counter()
    subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - started
print(f"{children() - before:.4f} {wall:.4f}")
PY
}
min() { awk -v a="$1" -v b="${2:-$1}" 'BEGIN { print (a < b ? a : b) }'; }

echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $runs interleaved runs, fastest CPU and wall time of each"
for name in excerpts seed; do
    [ -f "$tmp/$name.one" ] || { echo "$name: skipped (no $seed)"; continue; }
    policy=$tmp/$name.txt
    : >"$policy"
    while [ "$(stat -c %s "$policy")" -lt $((mb * 1000 * 1000)) ]; do
        cat "$tmp/$name.one" >>"$policy"
    done
    bytes=$(stat -c %s "$policy")
    best_grep= best_lint= wall_grep= wall_lint=
    for ((r = 0; r < runs; r++)); do
        read -r g gw < <(cpu grep -cE 'Art\. ?[0-9]+' "$policy")
        read -r l lw < <(cpu "$bin" lint --format json "$policy")
        best_grep=$(min "$g" "$best_grep") wall_grep=$(min "$gw" "$wall_grep")
        best_lint=$(min "$l" "$best_lint") wall_lint=$(min "$lw" "$wall_lint")
    done
    findings=$(grep -c '"code": "PRV' "$tmp/out" || true)
    echo
    echo "$name: $((bytes / 1000000)) MB, $(wc -l <"$policy") lines, $(grep -cE 'Art\. ?[0-9]+' "$policy") with \`Art. N\`, $findings findings"
    awk -v g="$best_grep" -v l="$best_lint" -v gw="$wall_grep" -v lw="$wall_lint" -v b="$bytes" 'BEGIN {
        printf "  grep -E:      %7.3f s CPU, %6.0f MB/s; %7.3f s wall\n", g, b / 1e6 / g, gw
        printf "  privreg lint: %7.3f s CPU, %6.0f MB/s; %7.3f s wall\n", l, b / 1e6 / l, lw
        printf "  ratio: privreg takes %.1f times grep'"'"'s CPU time, %.1f times its wall time (budget: 6)\n", l / g, lw / gw
    }'
done
