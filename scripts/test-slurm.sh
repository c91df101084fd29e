#!/usr/bin/env bash
# make test-slurm: the Slurm path against a real Slurm on loopback. Runs a small grid as a
# 3-task job array with a merge job, kills one task's sieve with SIGKILL while it holds claims,
# checks that the merge job was cancelled rather than left pending, requeues the dead task (which
# must take over its own stale claims), resubmits, and checks the merged tables equal a local run's.
set -euo pipefail
cd "$(dirname "$0")/.."
SIEVE=${SIEVE:-$(swift build -c release --show-bin-path)/sieve}
WORK=$(mktemp -d /tmp/sieve-slurm-test.XXXXXX)
cleanup() { scripts/slurm-local.sh stop "$WORK/cluster" || true; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
scripts/slurm-local.sh start "$WORK/cluster"
source "$WORK/cluster/env"

ROOT=$(pwd)
cat > "$WORK/spec.yaml" <<SPEC
name: slurm-test
dataset: {path: $ROOT/experiments/data/mp_e_form_sample.csv, target: target, features: {magpie: formula}}
splits:
  ood:
    - name: oqmd
      dataset: {path: $ROOT/experiments/data/oqmd_sample.csv, target: target, features: {magpie: formula}}
      drop_overlap: formula
models:
  rf: {kind: random_forest, trees: 150}
  xgb: {kind: xgboost, rounds: 300, max_depth: 6}
train_sizes: [0.25, 0.5, 1.0]
seeds: 2
SPEC

state() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -1; }
wait_for() {  # wait_for SECONDS COMMAND…: poll until the command succeeds
  local limit=$1; shift
  for _ in $(seq 1 $((limit * 10))); do "$@" && return 0; sleep 0.1; done
  echo "timed out waiting for: $*" >&2; return 1
}
json() { python3 -c "import json,sys; d=json.load(open('$WORK/out/slurm/jobs.json')); print($1)"; }

echo "== local run"
"$SIEVE" run "$WORK/spec.yaml" --output "$WORK/local" --jobs 2 --quiet

echo "== submit 3 shards"
"$SIEVE" slurm "$WORK/spec.yaml" --output "$WORK/out" --shards 3 --cpus-per-task 1
ARRAY=$(json 'd["arrayJobs"][0]'); MERGE=$(json 'd["mergeJob"]')
running_with_work() { [ "$(state "${ARRAY}_1")" = RUNNING ] && ls "$WORK"/out/runs/*.started >/dev/null 2>&1; }
wait_for 120 running_with_work
echo "== kill -9 a task's sieve while it holds claims"
# The holder named by a marker dies with SIGKILL (no handler runs): its markers stay behind, and
# only the kernel's release of its locks says it is gone.
KILLED=""
for _ in $(seq 1 600); do
  for marker in "$WORK"/out/runs/*.started; do
    [ -f "$marker" ] || continue
    pid=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['pid'])" "$marker" 2>/dev/null) || continue
    if kill -9 "$pid" 2>/dev/null; then
      sleep 0.2
      if grep -q "\"pid\":$pid[,}]" "$WORK"/out/runs/*.started 2>/dev/null; then KILLED=$pid; break 2; fi
    fi
  done
  sleep 0.1
done
[ -n "$KILLED" ] || { echo "FAIL: no task could be killed while holding a claim" >&2; exit 1; }
failed_task() { for t in 0 1 2; do [ "$(state "${ARRAY}_$t")" = FAILED ] && { echo "$t"; return 0; }; done; return 1; }
wait_for 60 failed_task >/dev/null
TASK=$(failed_task)
echo "task $TASK (process $KILLED) died holding $(grep -l "\"pid\":$KILLED[,}]" "$WORK"/out/runs/*.started | wc -l) claim(s)"
merge_gone() { s=$(state "$MERGE"); [ -z "$s" ] || [ "$s" = CANCELLED ]; }
wait_for 120 merge_gone
echo "merge job after the kill: $(state "$MERGE" || true) (kill-on-invalid-dep)"
others_done() { for t in 0 1 2; do s=$(state "${ARRAY}_$t"); case $s in COMPLETED|FAILED|CANCELLED|"") ;; *) return 1;; esac; done; }
wait_for 300 others_done
"$SIEVE" slurm status "$WORK/spec.yaml" --output "$WORK/out"
"$SIEVE" plan "$WORK/spec.yaml" --output "$WORK/out" | tail -1 | tee "$WORK/plan.txt"
grep -q "12 runs: 12 done" "$WORK/plan.txt" && { echo "FAIL: the kill left nothing to redo" >&2; exit 1; }
"$SIEVE" plan "$WORK/spec.yaml" --output "$WORK/out" | grep -q "interrupted.*process $KILLED" \
  || { echo "FAIL: sieve plan does not show the dead task's claims as interrupted" >&2; exit 1; }

echo "== requeue the dead task: it takes over the claims it left"
scontrol requeue "${ARRAY}_$TASK"
# Slurm holds a requeued job back for two minutes (BeginTime); let it start at once.
scontrol update JobId="${ARRAY}_$TASK" StartTime=now
task_done() { s=$(state "${ARRAY}_$TASK"); [ "$s" = COMPLETED ] || { [ "$s" = FAILED ] && { echo "requeued task FAILED" >&2; exit 1; }; false; }; }
wait_for 600 task_done
if ls "$WORK"/out/runs/*.started >/dev/null 2>&1; then echo "FAIL: claims left after the requeued task: $(ls "$WORK"/out/runs/*.started)" >&2; exit 1; fi

echo "== resubmit"
"$SIEVE" slurm "$WORK/spec.yaml" --output "$WORK/out" --shards 3 --cpus-per-task 1
MERGE=$(json 'd["mergeJob"]')
merge_done() { s=$(state "$MERGE"); [ "$s" = COMPLETED ] || { [ "$s" = FAILED ] || [ "$s" = CANCELLED ] && { echo "merge $s" >&2; exit 1; }; false; }; }
wait_for 600 merge_done
"$SIEVE" slurm status "$WORK/spec.yaml" --output "$WORK/out"

echo "== compare with the local run"
for f in rmse_table.md rmse_table.csv curves.csv; do cmp "$WORK/local/$f" "$WORK/out/$f"; done
strip() { cut -d, -f1-12,15- "$1"; }
diff <(strip "$WORK/local/runs.csv") <(strip "$WORK/out/runs.csv")
echo "PASS: the Slurm path, with a task killed holding claims, requeued and resubmitted, gives the local run's tables."
