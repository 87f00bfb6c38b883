#!/bin/sh
# Run the fuzz targets (fuzz/fuzz_targets/*.rs) for a set time each.
#
#   tools/fuzz.sh [SECONDS] [TARGET...]     # default: 60 s, targets analyze tokenize
#
# FUZZ_ARGS adds libFuzzer options, e.g. FUZZ_ARGS="-fork=1 -ignore_crashes=1"
# to keep exploring after a finding.
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain.
# Seeds fuzz/corpus/<target>/ (git-ignored) with lines of the sample articles
# from ../shared/samples (when present) and with tests/data/fuzz-regressions/.
# Runs niced, one process per target. A crash or invariant failure leaves
# its input in fuzz/artifacts/<target>/; copy it to tests/data/fuzz-regressions/
# (tests/fuzz_regressions.rs replays that directory) after fixing the bug.
# Exit status: 0 if every target ran clean, 1 otherwise.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-analyze tokenize}
shared=${SOI_SHARED:-$root/../shared}
cd "$root/fuzz" || exit 1
status=0
for t in $targets; do
    corpus=corpus/$t
    mkdir -p "$corpus" "artifacts/$t"
    if [ -d "$shared/samples" ] && [ -z "$(ls -A "$corpus")" ]; then
        k=0
        for f in "$shared"/samples/*.txt; do
            # One seed per pair of lines keeps seeds small.
            split -l 2 -a 4 "$f" "$corpus/sample$k-"
            k=$((k + 1))
        done
    fi
    cp "$root"/tests/data/fuzz-regressions/* "$corpus"/ 2>/dev/null
    echo "== fuzzing $t for ${secs}s" >&2
    nice -n 10 cargo +nightly fuzz run "$t" "$corpus" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -dict=dict.txt -print_final_stats=1 ${FUZZ_ARGS:-} \
        || { echo "== $t: FAILED (see fuzz/artifacts/$t/)" >&2; status=1; }
done
exit $status
