#!/usr/bin/env bash
# Back-to-back training throughput of the transformer language model (4 x 128, 4 heads, context 128,
# 32 windows per step, the fortunes): this project's lm task, then the PyTorch reference, for each
# rule and thread count given, REPEATS times:
#   experiments/reference/lm_throughput.sh "bp dfa" "2 1" 2
# The Java figure is the tokens/s of the second of two epochs of 20 steps (the first warms the JIT
# compiler up); PyTorch's is that of 20 timed steps after 5 untimed ones. Both exclude evaluation.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rules=${1:-"bp dfa"}; threads=${2:-2}; repeats=${3:-1}
python=${PYTHON:-/usr/bin/python3}
for r in $(seq "$repeats"); do
  for t in $threads; do
    for m in $rules; do
      echo "== $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg) java $m, $t threads"
      "$root/opu-dfa" train --task lm --method "$m" --projector exact --epoch-steps 20 --epochs 2 \
        --alignment-every 0 --threads "$t" --no-progress --json 2>/dev/null \
        | "$python" -c 'import json,sys; e=json.load(sys.stdin)["epochs"][-1]; print("java %d tokens/s" % e["itemsPerSecond"])'
      echo "== $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg) pytorch $m, $t threads"
      OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t "$python" "$root/experiments/reference/pytorch_lm_benchmark.py" \
        --method "$m" --threads "$t" --steps 20 --warmup 5 | tail -1
    done
  done
done
