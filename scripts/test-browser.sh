#!/usr/bin/env bash
# make test-browser: open a generated report in a real headless browser (Debian's chromium) and
# check that the page loads without errors and that its screenshot is not blank.
set -euo pipefail
cd "$(dirname "$0")/.."
SIEVE=${SIEVE:-$(swift build -c release --show-bin-path)/sieve}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
if ! command -v chromium >/dev/null; then
  echo "Installing chromium from Debian…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
WORK=$(mktemp -d /tmp/sieve-browser-test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ROOT=$(pwd)
cat > "$WORK/spec.yaml" <<SPEC
name: browser-test
description: A small grid whose report is opened in a headless browser.
dataset: {path: $ROOT/experiments/data/mp_e_form_sample.csv, target: target, features: {magpie: formula}, units: eV/atom}
splits:
  ood:
    - {name: five-plus-elements, where: {elements: {min: 5}}}
models:
  rf: {kind: random_forest, trees: 20}
  xgb: {kind: xgboost, rounds: 50}
selection: {prune: [{guide: rf, transfer: xgb, min_remaining: 1500}]}
explain: {method: permutation, repeats: 2, sizes: [1.0]}
train_sizes: [0.05, 0.2, 1.0]
seeds: 2
output: $WORK/out
SPEC
"$SIEVE" run "$WORK/spec.yaml" --quiet
for svg in "$WORK"/out/plots/*.svg; do xmllint --noout "$svg"; done
echo "All $(ls "$WORK"/out/plots/*.svg | wc -l) SVG files are well-formed XML."

BROWSER=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$WORK/profile")
# Console messages and load failures go to the log: the page has no scripts and fetches nothing.
"${BROWSER[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$WORK/out/index.html" > "$WORK/dom.html" 2> "$WORK/console.log"
if grep -E "CONSOLE|Failed to load|net::ERR" "$WORK/console.log"; then
  echo "FAIL: the page logged errors while loading" >&2; exit 1
fi
for needle in "<h2>RMSE by model and training size</h2>" "<h2>Figures</h2>" "<h2>Redundancy verdict</h2>" \
              "<h2>Feature attributions</h2>" "<h2>Provenance</h2>" "<svg"; do
  grep -qF "$needle" "$WORK/dom.html" || { echo "FAIL: the loaded page lacks $needle" >&2; exit 1; }
done
"${BROWSER[@]}" --window-size=1200,2000 --screenshot="$WORK/page.png" "file://$WORK/out/index.html" 2>/dev/null
python3 scripts/png_check.py "$WORK/page.png"
mkdir -p results && cp "$WORK/page.png" results/browser-test-screenshot.png
echo "PASS: the report loads in chromium and renders (screenshot: results/browser-test-screenshot.png)."
