# Shared by scripts/fuzz.sh and scripts/fuzz-keep.sh (sourced, from the repository's root): builds
# the libFuzzer targets into .build-fuzz and names them. Sets scratch, bin, targets (the arguments,
# else all three) and the per-target tables kind, maxlen and dict.
scratch=$PWD/.build-fuzz
build=(swift build --package-path Fuzz --scratch-path "$scratch" -c release
       -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address --toolset "$PWD/Fuzz/toolset.json")
declare -A kind=([fuzz-spec]=spec [fuzz-csv]=csv [fuzz-formula]=formula)
declare -A maxlen=([fuzz-spec]=8192 [fuzz-csv]=8192 [fuzz-formula]=512)
declare -A dict=([fuzz-spec]=Fuzz/spec.dict [fuzz-formula]=Fuzz/formula.dict)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz-spec fuzz-csv fuzz-formula)
for target in "${targets[@]}"; do
    [ -n "${kind[$target]:-}" ] || { echo "$(basename "$0"): unknown target $target (fuzz-spec, fuzz-csv, fuzz-formula)" >&2; exit 2; }
done
"${build[@]}"
bin=$("${build[@]}" --show-bin-path)
