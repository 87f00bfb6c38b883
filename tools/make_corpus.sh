#!/bin/sh
# Build the benchmark corpus: the `# text` lines of the UD Vietnamese-VTB
# treebank (train + dev) followed by the five sample articles, repeated until
# the file holds at least SIZE bytes (default 10 MiB), cut at a line end.
#
#   tools/make_corpus.sh [SIZE_BYTES] [OUT]
#
# OUT defaults to target/bench-corpus/corpus.txt under the project root
# (git-ignored). Needs ../shared next to the project (or SOI_SHARED=DIR).
# Deterministic: the same shared data gives the same bytes.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SOI_SHARED:-$root/../shared}
size=${1:-10485760}
out=${2:-$root/target/bench-corpus/corpus.txt}
mkdir -p "$(dirname "$out")"
unit=$(mktemp)
trap 'rm -f "$unit"' EXIT
for f in "$shared"/data/ud-vtb/vi_vtb-ud-train.conllu "$shared"/data/ud-vtb/vi_vtb-ud-dev.conllu; do
    sed -n 's/^# text = //p' "$f"
done > "$unit"
for f in "$shared"/samples/*.txt; do
    printf '\n'
    cat "$f"
    printf '\n'
done >> "$unit"
unit_size=$(wc -c < "$unit")
[ "$unit_size" -gt 0 ] || { echo "make_corpus: no text found under $shared" >&2; exit 1; }
reps=$(( (size + unit_size - 1) / unit_size ))
: > "$out.tmp"
i=0
while [ "$i" -lt "$reps" ]; do
    cat "$unit" >> "$out.tmp"
    i=$((i + 1))
done
mv "$out.tmp" "$out"
echo "$out: $(wc -c < "$out") bytes ($reps x $unit_size-byte unit)" >&2
