#!/bin/sh
# Compare what two builds of soi extract from the sample articles and the
# invented ones in tests/data/articles/ (persons, bodies, places, dates,
# periods, documents, abbreviations, quantities; not the words).
#
#   tools/compare_extraction.sh OLD_SOI [NEW_SOI]
#
# NEW_SOI defaults to target/release/soi. Prints the lines that differ, "<"
# for OLD and ">" for NEW, each prefixed with its file; nothing when both
# agree. Build an old binary with e.g.
#   git worktree add /tmp/old HEAD~1 && (cd /tmp/old && cargo build --release)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
old=$1
new=${2:-$root/target/release/soi}
shared=${SOI_SHARED:-$root/../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
set -- "$root"/tests/data/articles/*.txt
[ -d "$shared/samples" ] && set -- "$shared"/samples/*.txt "$@"
"$old" analyze "$@" --out "$tmp/old" > /dev/null
"$new" analyze "$@" --out "$tmp/new" > /dev/null
for f in "$tmp"/old/*.json; do
    b=$(basename "$f")
    python3 "$root/tools/show_extraction.py" "$f" | tail -n +2 > "$tmp/a"
    python3 "$root/tools/show_extraction.py" "$tmp/new/$b" | tail -n +2 > "$tmp/b"
    diff "$tmp/a" "$tmp/b" | grep '^[<>]' | sed "s|^|$b |" || true
done
