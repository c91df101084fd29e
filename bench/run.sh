#!/usr/bin/env bash
# `make bench`: Sieve side by side with the Python references (scikit-learn, xgboost 1.7.4) on
# the Magpie features of the full Matbench MP formation-energy data, 20,000 training rows,
# 10 % test rows, the split of bench/reference/py_baseline.py (numpy seed 0).
# usage: bench/run.sh VENV SIEVE_BENCH   (PARTS="models gbm scheduler al causal etal featurise" by default; name fewer to run fewer)
# The featurise part runs matminer 0.10.1 in its own venv, $MATMINER_VENV (.venv-matminer by default, made from
# scripts/requirements-matminer-ref.txt: its pins differ from bench/requirements.txt's).
# SMOKE=1 (`make bench-smoke`, run by CI): every part and every Python reference on a few hundred rows of the
# committed samples (experiments/data/), no full data, no `make data`; a minute or two once the venv exists.
# Its tables check that the bench still runs, not how fast Sieve is; its files go to data/bench-smoke/.
# The venv is made with $PYTHON (python3 by default); the pins were resolved on Python 3.11 (bench/requirements.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=$1
SIEVE_BENCH=$2
THREADS=${THREADS:-"1 2"}
PARTS=${PARTS:-"models gbm scheduler al causal etal featurise"}
part() { [[ " $PARTS " == *" $1 "* ]]; }
if [ "${SMOKE:-0}" = 1 ]; then
  WORK=data/bench-smoke
  SMOKE_ROWS=${SMOKE_ROWS:-600}          # the first rows of the committed MP sample
  N_TRAIN=${N_TRAIN:-300}
  AL_LABELLED=${AL_LABELLED:-0.5}        # 270 rows: IBUG's 100 nearest rows must be fewer than the labelled ones
  GBM_SEEDS=${GBM_SEEDS:-1}
  SCHEDULER_RUNS=${SCHEDULER_RUNS:-200}
  QM9=experiments/data/qm9_sample.csv    # 10,000 molecules with the descriptors prepare_qm9.py computes
  LINGAM_ROWS=${LINGAM_ROWS:-"300 0"}
  LINGAM_REPEATS=${LINGAM_REPEATS:-1}
  CAUSAL_RUNS=${CAUSAL_RUNS:-2}
  CAUSAL_ITERATIONS=${CAUSAL_ITERATIONS:-5}
  ETAL_LABELLED=${ETAL_LABELLED:-200}
  ETAL_POOL=${ETAL_POOL:-60}
  ETAL_ITERATIONS=${ETAL_ITERATIONS:-8}
  FEATURISE_ROWS=${FEATURISE_ROWS:-5}    # matminer takes about 1.3 s per structure
  FEATURISE_REPEATS=${FEATURISE_REPEATS:-1}
  export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}   # spinning OpenMP threads make a busy CI machine crawl
  echo "Smoke mode: every part on a few hundred rows of the committed samples; the times say nothing about speed."
else
  WORK=data/bench
  N_TRAIN=${N_TRAIN:-20000}
  AL_LABELLED=${AL_LABELLED:-0.1}
  GBM_SEEDS=${GBM_SEEDS:-5}
  SCHEDULER_RUNS=${SCHEDULER_RUNS:-10000}
  QM9=data/full/qm9_descriptors.csv
  LINGAM_ROWS=${LINGAM_ROWS:-"801 0"}
  LINGAM_REPEATS=${LINGAM_REPEATS:-5}      # for the sampled rows; all rows are fitted once
  CAUSAL_RUNS=${CAUSAL_RUNS:-10}
  CAUSAL_ITERATIONS=${CAUSAL_ITERATIONS:-40}
  ETAL_LABELLED=${ETAL_LABELLED:-1000000}  # every non-test row outside the pool
  ETAL_POOL=${ETAL_POOL:-600}
  ETAL_ITERATIONS=${ETAL_ITERATIONS:-1000}
  FEATURISE_ROWS=${FEATURISE_ROWS:-100}  # matminer: about 2 minutes
  FEATURISE_REPEATS=${FEATURISE_REPEATS:-3}
fi
mkdir -p "$WORK"
STARTED=$SECONDS
LAP=$SECONDS
lap() { echo "[$1: $((SECONDS - LAP)) s; bench so far $((SECONDS - STARTED)) s]"; LAP=$SECONDS; }

# The venv is (re)made whenever it lacks the stamp of the requirement files it was made from: a pip run
# that failed half-way, or edited pins, never leave a venv that `make bench` would go on using.
STAMP="$VENV/.sieve-requirements"
# Only the parts with a reference in .venv-bench need it (scheduler has none; featurise uses its own venv).
if part models || part gbm || part al || part causal || part etal; then
if ! cmp -s <(cat bench/requirements.txt bench/requirements-lingam.txt) "$STAMP" 2>/dev/null; then
  echo "Creating $VENV with the Python references (bench/requirements.txt, then bench/requirements-lingam.txt without its dependency pins)…"
  rm -rf "$VENV"
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r bench/requirements.txt
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r bench/requirements-lingam.txt
  cat bench/requirements.txt bench/requirements-lingam.txt > "$STAMP"
fi
lap venv
fi
PY="$VENV/bin/python"
DATA="$WORK/mp_e_form_magpie.csv"
SPLIT="$WORK/split_${N_TRAIN}_seed0.csv"
if part models || part gbm || part al; then
if [ "${SMOKE:-0}" = 1 ]; then
  MP="$WORK/mp_e_form_${SMOKE_ROWS}.csv"
  [ -f "$MP" ] || head -n $((SMOKE_ROWS + 1)) experiments/data/mp_e_form_sample.csv > "$MP"
  DATA="$WORK/mp_e_form_${SMOKE_ROWS}_magpie.csv"
else
  MP=data/full/mp_e_form.csv
  [ -f "$MP" ] || python3 scripts/fetch_data.py full
fi
if [ ! -f "$DATA" ]; then
  echo "Featurising with the reference script (bench/reference/featurize_magpie.py)…"
  "$PY" bench/reference/featurize_magpie.py Sources/SieveData/Resources/magpie.csv "$MP" "$DATA"
fi
[ -f "$SPLIT" ] || "$PY" bench/reference/split_indices.py "$DATA" "$N_TRAIN" 0 "$SPLIT"
lap "MP data"
fi

field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }
if part models; then
printf "\n%-6s %-7s %12s %12s %8s %10s %10s %9s %9s\n" model threads python_s sieve_s speedup rmse_py rmse_sieve py_mb sieve_mb
for model in rf xgb; do
  for t in $THREADS; do
    py=$("$PY" bench/measure.py "$PY" bench/reference/py_baseline.py "$DATA" "$model" "$N_TRAIN" "$t" 0)
    sv=$("$SIEVE_BENCH" model --data "$DATA" --split "$SPLIT" --model "$model" --threads "$t")
    pys=$(field 'fit+predict_s' "$py"); svs=$(field 'fit+predict_s' "$sv")
    printf "%-6s %-7s %12s %12s %7.1fx %10s %10s %9s %9s\n" "$model" "$t" "$pys" "$svs" \
      "$(python3 -c "print($pys / $svs)")" "$(field rmse "$py")" "$(field rmse "$sv")" \
      "$(field peak_rss_mb "$py")" "$(field peak_rss_mb "$sv")"
    extra=$(grep -o 'overhead_s=[^ ]*\|binning_s=[^ ]*' <<<"$sv" || true)
    [ -n "$extra" ] && echo "         sieve: $extra"
  done
done
lap models
fi

if part gbm; then
echo
echo "Gradient boosting: native (kind gradient_boosting) vs libxgboost 1.7.4 through Sieve's C-API wrapper, same rows"
echo "and split; mean fit+predict seconds and mean test RMSE over ${GBM_SEEDS} seeds, each line's engines in processes of"
echo "their own (peak = resident memory during the fits; the benchmark's rows alone take the first ~50 MB)."
echo "paper = 1000 rounds x 4 parallel trees, depth 6, eta 0.25, lambda 0.01, alpha 0.1, subsample 0.85, colsample_bytree 0.3,"
echo "colsample_bylevel 0.5; hist = 500 rounds, depth 6, eta 0.1, no sampling."
# libxgboost's OpenMP threads spin while they wait by default; on a machine shared with other
# work that makes its 2-thread runs several times slower (57 s instead of 12 s for hist here),
# so they wait passively unless the caller says otherwise.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
printf "%-6s %-7s %9s %9s %8s %9s %9s %8s %8s %8s\n" config threads xgb_s native_s speedup rmse_xgb rmse_nat rmse_diff xgb_mb nat_mb
for config in paper hist; do
  for t in $THREADS; do
    xg=$(nice -n "${GBM_NICE:-0}" "$SIEVE_BENCH" gbm --data "$DATA" --split "$SPLIT" --config "$config" --engine xgboost --threads "$t" --seeds "${GBM_SEEDS}")
    nv=$(nice -n "${GBM_NICE:-0}" "$SIEVE_BENCH" gbm --data "$DATA" --split "$SPLIT" --config "$config" --engine native --threads "$t" --seeds "${GBM_SEEDS}")
    xs=$(field 'fit+predict_s' "$xg"); ns=$(field 'fit+predict_s' "$nv")
    xr=$(field rmse "$xg"); nr=$(field rmse "$nv")
    printf "%-6s %-7s %9s %9s %7.1fx %9s %9s %7.1f%% %8s %8s\n" "$config" "$t" "$xs" "$ns" \
      "$(python3 -c "print($xs / $ns)")" "$xr" "$nr" "$(python3 -c "print(100 * ($nr - $xr) / $xr)")" \
      "$(field peak_rss_mb "$xg")" "$(field peak_rss_mb "$nv")"
    echo "         processor seconds: xgboost $(field cpu_s "$xg"), native $(field cpu_s "$nv"); native binning (once per dataset) $(field binning_s "$nv") s"
  done
done
lap gbm
fi

if part scheduler; then
echo
echo "Scheduler overhead: $SCHEDULER_RUNS trivial runs (the mean model) through plan, schedule, record and tables"
"$SIEVE_BENCH" scheduler --runs "$SCHEDULER_RUNS" --jobs 2
lap scheduler
fi

if part al; then
echo
echo "Active learning: one iteration at $(python3 -c "print(f'{100 * $AL_LABELLED:g}')") % labelled (fits of the paper's rf and xgb, plus scoring every unlabelled row)"
AL_SPLIT="$WORK/split_all_seed0.csv"
[ -f "$AL_SPLIT" ] || "$PY" bench/reference/split_indices.py "$DATA" 1000000 0 "$AL_SPLIT"
printf "%-16s %7s %12s %12s %8s %13s %13s %s\n" strategy threads python_s sieve_s speedup py_scoring_s sv_scoring_s agreement
for strategy in ${AL_STRATEGIES:-random qbc rf_uncertainty xgb_uncertainty}; do
  for t in ${AL_THREADS:-1}; do
    sv=$("$SIEVE_BENCH" al --data "$DATA" --split "$AL_SPLIT" --strategy "$strategy" --threads "$t" --labelled "$AL_LABELLED" --export "$WORK/al")
    py=$("$PY" bench/reference/al_reference.py "$DATA" "$AL_SPLIT" "$strategy" "$t" "$WORK/al" "$AL_LABELLED")
    pys=$(field iteration_s "$py"); svs=$(field iteration_s "$sv")
    printf "%-16s %7s %12s %12s %7.1fx %13s %13s %s\n" "$strategy" "$t" "$pys" "$svs" "$(python3 -c "print($pys / $svs)")" \
      "$(field scoring_s "$py")" "$(field scoring_s "$sv")" "$(field spearman "$py")"
  done
done
lap al
fi

if part causal; then
echo
echo "Causal discovery: DirectLiNGAM on QM9 (the paper's 9 descriptors + dipole as a sink), Sieve vs lingam 1.13.0 on the same rows"
[ -f "$QM9" ] || make data
printf "%-8s %7s %12s %12s %8s %14s %14s %12s %10s\n" rows threads python_s sieve_s speedup python_cpu_s sieve_cpu_s order_equal max_dB
for rows in $LINGAM_ROWS; do
  repeats=$([ "$rows" = 0 ] && echo 1 || echo "$LINGAM_REPEATS")
  for t in ${LINGAM_THREADS:-1 2}; do
    sv=$("$SIEVE_BENCH" lingam --data "$QM9" --rows "$rows" --threads "$t" --repeats "$repeats" --export "$WORK/lingam")
    py=$("$PY" bench/reference/lingam_reference.py "$QM9" "$rows" "$t" "$WORK/lingam" "$repeats")
    pys=$(field fit_s "$py"); svs=$(field fit_s "$sv")
    printf "%-8s %7s %12s %12s %7.1fx %14s %14s %12s %10s\n" "$(field rows "$sv")" "$t" "$pys" "$svs" "$(python3 -c "print($pys / $svs)")" \
      "$(field fit_cpu_s "$py")" "$(field fit_cpu_s "$sv")" "$(field order_equal "$py")" "$(field max_abs_dB "$py")"
  done
done
echo
echo "The whole experiment: Gaussian-mixture subsets, the global graph, $CAUSAL_RUNS seeded runs x $CAUSAL_ITERATIONS iterations x (causal, random)"
"$SIEVE_BENCH" causal-selection --data "$QM9" --threads 2 --runs "$CAUSAL_RUNS" --iterations "$CAUSAL_ITERATIONS"
lap causal
fi

if part etal; then
echo
echo "ET-AL (Zhang et al. 2023) on flla_2015 formation energies by crystal system (spglib 2.8.0, symprec 0.1):"
echo "a biased pool of $ETAL_POOL rows, $([ "$ETAL_LABELLED" = 1000000 ] && echo "every other non-test row" || echo "$ETAL_LABELLED other rows") labelled; 32 principal components of the Magpie features"
[ -f "$WORK/etal_flla.csv" ] || "$PY" bench/reference/prepare_etal_data.py "$WORK"
[ -f "$WORK/etal_flla_magpie.csv" ] || "$PY" bench/reference/featurize_magpie.py Sources/SieveData/Resources/magpie.csv "$WORK/etal_flla.csv" "$WORK/etal_flla_magpie.csv"
ETAL_SPLIT="$WORK/etal_split_${ETAL_LABELLED}_${ETAL_POOL}.csv"
[ -f "$ETAL_SPLIT" ] && [ -f "$WORK/etal_draws.f64" ] || "$PY" bench/reference/etal_split.py "$WORK/etal_flla.csv" "$WORK/etal_groups.csv" "$ETAL_LABELLED" "$ETAL_POOL" "$ETAL_SPLIT" "$WORK/etal_draws.f64"
ETAL_ARGS=("$WORK/etal_flla_magpie.csv" "$WORK/etal_groups.csv" "$ETAL_SPLIT")
printf "%-7s %7s %11s %11s %8s %12s %12s %12s %12s %11s  %s\n" draws threads python_s sieve_s speedup py_iter_s sv_iter_s py_slowest_s sv_slowest_s iterations agreement
for mode in shared seeded; do
  for t in ${ETAL_THREADS:-1}; do
    sv=$("$SIEVE_BENCH" etal --data "${ETAL_ARGS[0]}" --groups "${ETAL_ARGS[1]}" --split "${ETAL_ARGS[2]}" --mode "$mode" \
         --draws "$WORK/etal_draws.f64" --threads "$t" --max-iterations "$ETAL_ITERATIONS" --export "$WORK/etal")
    py=$("$PY" bench/reference/etal_reference.py "${ETAL_ARGS[@]}" "$mode" "$ETAL_ITERATIONS" "$t" "$WORK/etal" "$WORK/etal_draws.f64")
    pys=$(field campaign_s "$py"); svs=$(field campaign_s "$sv")
    printf "%-7s %7s %11s %11s %7.1fx %12s %12s %12s %12s %11s  %s\n" "$mode" "$t" "$pys" "$svs" "$(python3 -c "print($pys / $svs)")" \
      "$(field per_iteration_s "$py")" "$(field per_iteration_s "$sv")" "$(field slowest_iteration_s "$py")" \
      "$(field slowest_iteration_s "$sv")" "$(field iterations "$py")/$(field iterations "$sv")" \
      "prefix $(field same_prefix "$py"), same position $(field same_position "$py"), jaccard $(field jaccard "$py")"
  done
done
sv=$("$SIEVE_BENCH" etal --data "${ETAL_ARGS[0]}" --groups "${ETAL_ARGS[1]}" --split "${ETAL_ARGS[2]}" --mode shared \
     --draws "$WORK/etal_draws.f64" --threads 2 --max-iterations "$ETAL_ITERATIONS" --export "$WORK/etal-2threads")
same=$(cmp -s <(cut -d, -f1-4 "$WORK/etal/etal-sieve-shared.csv") <(cut -d, -f1-4 "$WORK/etal-2threads/etal-sieve-shared.csv") && echo yes || echo NO)
echo "Sieve on 2 threads (shared draws): campaign $(field campaign_s "$sv") s, per iteration $(field per_iteration_s "$sv") s; same acquisitions and EI as on 1 thread: $same"
echo "With Sieve's GP hyperparameters replayed (same draws): everything but the likelihood optimiser compared"
py=$("$PY" bench/reference/etal_reference.py "${ETAL_ARGS[@]}" replay "$ETAL_ITERATIONS" 1 "$WORK/etal" "$WORK/etal_draws.f64")
echo "  iterations $(field iterations "$py") (Sieve $(field sieve_iterations "$py")), same prefix $(field same_prefix "$py"), EI max relative difference $(field ei_max_rel_diff_in_prefix "$py"), stop $(field stop "$py")"
lap etal
fi
if part featurise; then
echo
# matminer's venv is made here unless it exists; a folder this script did not make is never removed.
MATMINER_VENV=${MATMINER_VENV:-.venv-matminer}
if ! cmp -s scripts/requirements-matminer-ref.txt "$MATMINER_VENV/.sieve-requirements" 2>/dev/null; then
  if [ -e "$MATMINER_VENV" ] && [ ! -e "$MATMINER_VENV/.sieve-bench-made" ]; then
    "$MATMINER_VENV/bin/python" -c "from importlib.metadata import version as v; assert (v('matminer'), v('pymatgen-core')) == ('0.10.1', '2026.10.16')" \
      || { echo "error: $MATMINER_VENV is not a venv of scripts/requirements-matminer-ref.txt; remove it or set MATMINER_VENV." >&2; exit 1; }
  else
    echo "Creating $MATMINER_VENV with matminer 0.10.1 (scripts/requirements-matminer-ref.txt)…"
    rm -rf "$MATMINER_VENV"
    "${PYTHON:-python3}" -m venv "$MATMINER_VENV"
    touch "$MATMINER_VENV/.sieve-bench-made"
    "$MATMINER_VENV/bin/pip" install -q --disable-pip-version-check -r scripts/requirements-matminer-ref.txt
    cp scripts/requirements-matminer-ref.txt "$MATMINER_VENV/.sieve-requirements"
  fi
fi
lap "matminer venv"
FLLA=experiments/data/flla_2015.csv
echo "Featurisation: the redundancy paper's 273 matminer features (132 Magpie + 13 composition + 128 Voronoi structure) of the"
echo "first $FEATURISE_ROWS flla_2015 structures; Sieve's native featurisers against matminer 0.10.1 (one core) on the same structures."
echo "Structures per second; ratio = Sieve / matminer. Reading the CSV and parsing structures are not timed on either side."
mm=$("$MATMINER_VENV/bin/python" bench/reference/matminer_featurise.py "$FLLA" "$FEATURISE_ROWS")
svs=()
for t in $THREADS; do
  svs+=("$("$SIEVE_BENCH" featurise --data "$FLLA" --rows "$FEATURISE_ROWS" --threads "$t" --repeats "$FEATURISE_REPEATS")")
done
python3 - "$THREADS" "$mm" "${svs[@]}" <<'PYTHON'
import sys
threads = sys.argv[1].split()
def fields(text):
    return dict(p.split("=", 1) for line in text.splitlines() for p in line.split() if "=" in p)
mm = fields(sys.argv[2]); sv = [fields(t) for t in sys.argv[3:]]
n = int(mm["structures"])
assert all(int(s["structures"]) == n for s in sv), "Sieve and matminer featurised different numbers of structures"
rate = lambda seconds: n / float(seconds) if float(seconds) > 0 else float("inf")
head = f"{'features':<30} {'matminer/s':>11}" + "".join(f" {'sieve_' + t + 't/s':>12} {'ratio_' + t + 't':>9}" for t in threads)
print(head)
rows = [(f"family {k[7:-2]}", k, False) for k in mm if k.startswith("family_")]
rows += [("sieve's voronoi cells (shared)", "cells_s", False), ("structure (128)", "structure_s", True),
         ("composition (145)", "composition_s", False), ("all (273)", "all_s", True)]
for label, key, threaded in rows:
    reference = f"{rate(mm[key]):11.2f}" if key in mm else "-".rjust(11)
    line = f"{label:<30} {reference}"
    for k, t in enumerate(threads):
        if k > 0 and not threaded:
            line += f" {'':>12} {'':>9}"
            continue
        # A family alone needs the cells too: Sieve's per-family rows are cells + family.
        s = rate(float(sv[k][key]) + (float(sv[k]["cells_s"]) if key.startswith("family_") else 0))
        line += f" {s:12.1f} " + (f"{s / rate(mm[key]):8.0f}x" if key in mm else f"{'':>9}")
    print(line)
print(f"matminer raised on {mm['raised']} of {n} structures (pymatgen's unwrapped coordinates); Sieve built no cells for "
      f"{sv[0]['without_cells']}. A family row is that featuriser alone on one thread: Sieve's include its Voronoi cells;")
print("matminer's run in sequence, so its coordination_number includes the tessellation that local_property_difference,")
print("structural_heterogeneity and chemical_ordering then reuse (their ratios flatter matminer); maximum_packing_efficiency")
print("tessellates again. The structure and all rows are the fair comparison: one tessellation per structure on both sides.")
PYTHON
lap featurise
fi
echo
echo "Bench done in $((SECONDS - STARTED)) s (PARTS=\"$PARTS\"$([ "${SMOKE:-0}" = 1 ] && echo ", smoke mode"))."
