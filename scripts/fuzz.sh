#!/usr/bin/env bash
# Fuzzes Sieve's readers of untrusted text with libFuzzer, one target after another:
#   fuzz-spec     spec YAML text -> spec or diagnostics (SpecReader.parse)
#   fuzz-csv      CSV text -> records or a located DataError (CSVReader)
#   fuzz-formula  formula text -> composition and Magpie features, or a located failure
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default $FUZZ_SECONDS, else 60)
#
# The targets are built with -sanitize=fuzzer,address into .build-fuzz (linked with lld: Debian's
# gold fails on libFuzzer's archive). Each corpus starts from the committed specs and data
# (small slices), plus the inputs in Fuzz/Regressions/<kind>/ (inputs that once failed) and
# Fuzz/Corpus/<kind>/ (a long run's corpus reduced by scripts/fuzz-keep.sh), which `make test`
# replays. A run
# fails on a crash, on one input taking over 60 s of wall time (a hang: generous, since a loaded
# 2-core machine stretched a 0.2 s input past 10 s) or on more than 2 GB of memory; the input is
# left in .build-fuzz/artifacts/<target>/. New corpus entries stay in .build-fuzz/corpus/<target>/
# for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${FUZZ_SECONDS:-60}}
shift $(( $# > 0 ? 1 : 0 ))
source scripts/fuzz-common.sh

# Seeds, made anew from the committed files each run.
seeds=$scratch/seeds
rm -rf "$seeds"; mkdir -p "$seeds"/{fuzz-spec,fuzz-csv,fuzz-formula}
cp experiments/*.yaml "$seeds/fuzz-spec/"
for csv in experiments/data/*.csv Tests/SieveDataTests/Fixtures/*.csv Tests/SieveModelsTests/Fixtures/*.csv; do
    head -n 25 "$csv" > "$seeds/fuzz-csv/$(basename "$csv")"
done
for csv in experiments/data/*.csv Tests/SieveDataTests/Fixtures/magpie_formulas.csv; do
    awk -F, 'NR > 1 && NR <= 301 { print $1 }' "$csv"
done | sort -u | awk 'NR <= 400' | while read -r formula; do
    printf '%s' "$formula" > "$seeds/fuzz-formula/$(printf '%s' "$formula" | sha1sum | cut -c1-16)"
done

failed=()
for target in "${targets[@]}"; do
    corpus=$scratch/corpus/$target artifacts=$scratch/artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    options=(-max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 -max_len="${maxlen[$target]}"
             -artifact_prefix="$artifacts/" -print_final_stats=1)
    [ -z "${dict[$target]:-}" ] || options+=(-dict="${dict[$target]}")
    echo "== $target for ${seconds} s"
    if ! nice -n 10 "$bin/$target" "${options[@]}" "$corpus" "$seeds/$target" "Fuzz/Regressions/${kind[$target]}" \
                                   "Fuzz/Corpus/${kind[$target]}"; then
        failed+=("$target")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: ${failed[*]} found a failing input; see .build-fuzz/artifacts/" >&2
    exit 1
fi
echo "fuzz.sh: ${targets[*]}: no crash, hang or memory blow-up in ${seconds} s each."
