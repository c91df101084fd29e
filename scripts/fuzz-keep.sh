#!/usr/bin/env bash
# Keeps what fuzzing learned: reduces each target's local corpus (.build-fuzz/corpus/<target>, grown
# by scripts/fuzz.sh) together with the committed Fuzz/Corpus/<kind> to a smallest set of inputs
# that reaches the same code edges (libFuzzer's -set_cover_merge with hit counts ignored: counting
# them kept four times the inputs, 1.2 MB for the spec reader), and writes it to Fuzz/Corpus/<kind>.
# `make test` replays those inputs and `make fuzz` starts from them. Commit the result.
# Usage: scripts/fuzz-keep.sh [TARGET...]   (run after scripts/fuzz.sh, with no fuzzer running)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/fuzz-common.sh
for target in "${targets[@]}"; do
    kept=Fuzz/Corpus/${kind[$target]}
    reduced=$(mktemp -d "$scratch/keep-$target.XXXXXX")
    mkdir -p "$kept" "$scratch/corpus/$target"
    "$bin/$target" -set_cover_merge=1 -use_counters=0 -max_len="${maxlen[$target]}" -timeout=60 -rss_limit_mb=2048 \
        "$reduced" "$kept" "$scratch/corpus/$target" > "$reduced.log" 2>&1 \
        || { echo "fuzz-keep.sh: $target failed on an input; see $reduced.log" >&2; exit 1; }
    rm -rf "$kept"; mv "$reduced" "$kept"
    echo "$target: $(ls "$kept" | wc -l) inputs, $(du -sb "$kept" | cut -f1) bytes in $kept"
done
