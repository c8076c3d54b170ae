#!/usr/bin/env bash
# Back-to-back training throughput of DeepFM: this project's recsys task, then the PyTorch reference,
# on the first ROWS records of a click log, for each method and thread count given:
#   experiments/reference/recsys/throughput.sh LOG ROWS "bp dfa" "2 1"
# The Java task trains EPOCHS (default 3) epochs of ROWS training records of the log (split 80/10/10
# by position; each epoch continues through the training part) with the task's defaults (embedding
# 10, MLP 3 x 400, batch 2 048, Adam 1e-3); its figure is the mean samples/s of the epochs after the
# first WARMUP (default 1), evaluation excluded, and includes reading and parsing the log, which the
# PyTorch reference does before timing. The PyTorch reference runs as many epochs and leaves out as
# many. The JIT compiler is still at work in the Java task's second and third epochs on 2 cores, so
# EPOCHS=8 WARMUP=3 measures the steady state. JAVA_ARGS adds options to the Java task's command line,
# e.g. JAVA_ARGS=--no-layer-threads to keep the passes outside the matrix products on one thread.
# REFERENCE_THREADS=N runs PyTorch on N threads whatever the Java task's count, e.g. REFERENCE_THREADS=1
# with THREADS 2 to pair each Java run on 2 threads with PyTorch on its best count, run right after it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
log=$1; rows=$2; methods=${3:-"bp dfa"}; threads=${4:-2}; epochs=${EPOCHS:-3}; warmup=${WARMUP:-1}
python=${PYTHON:-/usr/bin/python3}
for t in $threads; do
  for m in $methods; do
    echo "== $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg) java $m, $t threads${JAVA_ARGS:+, $JAVA_ARGS}"
    "$root/opu-dfa" train --task recsys --model deepfm --data "$log" --method "$m" --projector exact \
      --evaluation-records "$rows" --epochs "$epochs" --patience 1000 --alignment-every 0 --threads "$t" \
      --no-progress --json ${JAVA_ARGS:-} 2>/dev/null \
      | "$python" -c 'import json,sys
w=int(sys.argv[1])
e=json.load(sys.stdin)["epochs"]
for x in e: print("epoch %d: %.2f s, %.0f samples/s%s" % (x["epoch"], x["seconds"], x["itemsPerSecond"], " (warm-up)" if x["epoch"] <= w else ""))
rest=[x["itemsPerSecond"] for x in e[w:]]
if rest: print("result: %.0f samples/s (mean of %d epochs after the warm-up)" % (sum(rest) / len(rest), len(rest)))' "$warmup"
    pt=${REFERENCE_THREADS:-$t}
    echo "== $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg) pytorch $m, $pt threads"
    OMP_NUM_THREADS=$pt OPENBLAS_NUM_THREADS=$pt "$python" "$root/experiments/reference/pytorch_deepfm_benchmark.py" \
      --data "$log" --rows "$rows" --method "$m" --threads "$pt" --epochs "$epochs" --warmup "$warmup"
  done
done
