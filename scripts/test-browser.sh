#!/usr/bin/env bash
# make test-browser: open a generated report in a real headless browser (Debian's chromium) and
# check that the page loads without errors and that its screenshot is not blank; then draw a causal
# study's DAG and check, with the browser's own text measurements, that no two labels overlap.
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

# The causal DAG: nine variables and every edge of the pool's graph drawn (min_probability 0),
# so the layered layout has to keep some 40 labels apart.
cat > "$WORK/causal.yaml" <<SPEC
name: browser-test-causal
description: A small causal campaign whose DAG is measured in a headless browser.
dataset:
  path: $ROOT/experiments/data/qm9_sample.csv
  target: dipole
  features: {columns: [ExactMolWt, TPSA, MolLogP, NumValenceElectrons, NumHeteroatoms, RingCount, MolMR,
                       NumAliphaticHeterocycles, NumSaturatedCarbocycles, HeavyAtomMolWt]}
splits:
  id_test: {fraction: 0.2, seed: 0}
models:
  rf: {kind: random_forest, trees: 10}
causal:
  variables: {top: 9}
  subsets: {gmm: 2, on: [MolLogP, TPSA], seed: 0}
  iterations: 2
  batch: 10
  seeds: [0]
  evaluate: rf
  bootstrap: 10
  graph: {min_probability: 0}
train_sizes: [1.0]
seeds: 1
output: $WORK/causal-out
SPEC
"$SIEVE" run "$WORK/causal.yaml" --quiet
GRAPH="$WORK/causal-out/plots/causal_graph.svg"
xmllint --noout "$GRAPH"
# The SVG inline in a page whose script measures every node and edge label as rendered
# (getBoundingClientRect) and writes its verdict into the page, which --dump-dom prints.
{
  echo '<!doctype html><html><head><meta charset="utf-8"></head><body>'
  cat "$GRAPH"
  cat <<'SCRIPT'
<script>
const labels = [...document.querySelectorAll("text.node-label, text.edge-label")];
const boxes = labels.map(t => t.getBoundingClientRect());
const clashes = [], outside = [];
for (let i = 0; i < boxes.length; i++) {
  for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
      clashes.push(`"${labels[i].textContent}" and "${labels[j].textContent}"`);
  }
  // Each label's text stays inside the box drawn behind it (the layout's width estimate holds).
  const frame = labels[i].previousElementSibling.getBoundingClientRect(), t = boxes[i];
  if (t.left < frame.left - 0.5 || t.right > frame.right + 0.5) outside.push(`"${labels[i].textContent}"`);
}
const verdict = document.createElement("pre");
verdict.id = "verdict";
verdict.textContent = labels.length < 10 ? `ONLY ${labels.length} LABELS`
  : clashes.length ? `OVERLAPS ${clashes.length} of ${labels.length} labels: ${clashes.join("; ")}`
  : outside.length ? `OUTSIDE ${outside.length} labels run past their boxes: ${outside.join("; ")}`
  : `OK ${labels.length} labels`;
document.body.appendChild(verdict);
</script></body></html>
SCRIPT
} > "$WORK/graph.html"
"${BROWSER[@]}" --dump-dom "file://$WORK/graph.html" 2>/dev/null > "$WORK/graph-dom.html"
VERDICT=$(sed -n 's:.*<pre id="verdict">\(.*\)</pre>.*:\1:p' "$WORK/graph-dom.html")
case "$VERDICT" in
  "OK "*) echo "PASS: chromium measured all ${VERDICT#OK } of the causal DAG, and none overlaps another.";;
  "OVERLAPS "*) echo "FAIL: labels of the causal DAG overlap in chromium (${VERDICT#OVERLAPS }); the layered layout must keep every label box apart." >&2; exit 1;;
  "OUTSIDE "*) echo "FAIL: in chromium ${VERDICT#OUTSIDE }; SVG.textWidthBound underestimates the font's widths." >&2; exit 1;;
  *) echo "FAIL: the causal DAG page gave no verdict on its labels (got '${VERDICT:-nothing}'); is plots/causal_graph.svg drawn with classed labels?" >&2; exit 1;;
esac
