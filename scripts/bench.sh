#!/usr/bin/env bash
# Compares ally with ripgrep searching the same terms over the same folder, side by
# side in one hyperfine run, plus one 100 KB document and peak memory.
#   scripts/bench.sh [FOLDER]     (default: the Rust toolchain's HTML docs)
# Needs ripgrep and hyperfine (apt-get install ripgrep hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
folder="${1:-$(rustc --print sysroot)/share/doc}"
cargo build --release --quiet
ally="$PWD/target/release/ally"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Every written term of every enabled rule: the same work for both tools.
"$ally" rules --no-config --format json | python3 -c '
import json, sys
doc = json.load(sys.stdin)
terms = sorted({t for r in doc["rules"] if r["enabled"] for t in r["terms"]})
print("\n".join(terms))' > "$work/terms.txt"
echo "$(wc -l < "$work/terms.txt") terms; folder: $folder ($(du -sh "$folder" | cut -f1))"

hyperfine -N -i --warmup 1 --runs "${RUNS:-5}" \
  "$ally check --no-config --fail-on never --format json $folder" \
  "rg -c -i -w -F -f $work/terms.txt $folder"

python3 - "$work/doc.md" <<'PY'
import sys
para = ("The team keeps a whitelist of hosts and a blacklist of senders; the master node "
        "replicates to each replica, and the docs explain why in plain words.\n\n")
open(sys.argv[1], "w").write(("# Notes\n\n" + para * 800)[:100_000])
PY
hyperfine -N --warmup 3 --runs 20 "$ally check --no-config --fail-on never --format json $work/doc.md"

/usr/bin/time -f "peak memory over the folder: %M KB" \
  "$ally" check --no-config --fail-on never --format json "$folder" > /dev/null
