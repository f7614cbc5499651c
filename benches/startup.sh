#!/usr/bin/env bash
# Start-up cost of the release binary on tiny inputs (issue 18 item 5, issue 19 item 3).
#
#   cargo build --release && benches/startup.sh [RUNS]
#
# Budget: `privreg check` on a one-file project under 3 ms, with or without a citation in
# its prose. Prints the median wall time of RUNS (default 40) interleaved runs of each case
# and, when valgrind is installed, the instruction count of one run, which unlike the time
# does not depend on the machine's load. It reports; it never fails on a figure.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PRIVREG:-${CARGO_TARGET_DIR:-$root/target}/release/privreg}
runs=${1:-40}
[ -x "$bin" ] || { echo "no release binary at $bin (cargo build --release)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for case in none cite; do
    mkdir -p "$tmp/$case/registers"
    printf 'chapter: "10"\ntitle: Processors\nlanguage: en\nregisters: registers\noutput: dist\n' \
        >"$tmp/$case/privreg.yaml"
    cp "$root/registers/10-1-slack.yaml" "$tmp/$case/registers/"
done
# The same register with one citation in its prose.
sed -i 's/^\(    scope: contractual performance or initiation\)$/\1 (Art. 6(1)(b) GDPR)/' \
    "$tmp/cite/registers/10-1-slack.yaml"
grep -q 'Art. 6(1)(b) GDPR' "$tmp/cite/registers/10-1-slack.yaml" \
    || { echo "fixture: the scope line of registers/10-1-slack.yaml changed" >&2; exit 2; }
echo 'The processing is based on Art. 6(1)(f) GDPR.' >"$tmp/one-line.txt"

# The reference input: sections 10.1-10.5 of a real policy, which name a transfer
# mechanism next to a Chapter V citation (PRV406).
seed=$root/../shared/seed/privacy-policy-section-10.txt
names=("check, no citation" "check, one citation" "lint, one-line file")
cmds=("check --root $tmp/none" "check --root $tmp/cite" "lint $tmp/one-line.txt")
if [ -f "$seed" ]; then
    names+=("lint, the seed chapter")
    cmds+=("lint $seed")
fi
declare -a times
for ((r = 0; r < runs; r++)); do
    for i in "${!cmds[@]}"; do
        # EPOCHREALTIME, not `date`: a command substitution forks, and the fork of the
        # second `date` was counted in the time of the run before it.
        t0=${EPOCHREALTIME/[.,]/}
        # shellcheck disable=SC2086 # the command's words
        "$bin" ${cmds[$i]} >/dev/null 2>&1 || true
        t1=${EPOCHREALTIME/[.,]/}
        times[i]+="$((t1 - t0)) "
    done
done

echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $runs interleaved runs; budget for check: 3 ms"
for i in "${!cmds[@]}"; do
    median=$(tr ' ' '\n' <<<"${times[i]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    line=$(printf '%-22s median %6.2f ms' "${names[i]}:" "$(awk "BEGIN {print $median / 1000}")")
    if command -v valgrind >/dev/null; then
        # shellcheck disable=SC2086 # (the seed's findings make privreg exit 1)
        ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" ${cmds[$i]} 2>&1 >/dev/null \
            | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' || true)
        line+=$(printf ', %5.1f M instructions' "$(awk "BEGIN {print $ir / 1e6}")")
    fi
    echo "$line"
done
