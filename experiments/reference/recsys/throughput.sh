#!/usr/bin/env bash
# Back-to-back training throughput of DeepFM: this project's recsys task, then the PyTorch reference,
# on the first ROWS records of a click log, for each method and thread count given:
#   experiments/reference/recsys/throughput.sh LOG ROWS "bp dfa" "2 1"
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
log=$1; rows=$2; methods=${3:-"bp dfa"}; threads=${4:-2}
(cd "$root" && mvn -q -B -o compile -pl dfa-trainer -am)
source "$root/experiments/reference/recsys/classpath.sh"
python=${PYTHON:-/usr/bin/python3}
for t in $threads; do
  for m in $methods; do
    echo "== java $m, $t threads"
    java --add-modules jdk.incubator.vector -cp "$cp" "$root/experiments/reference/recsys/DeepFmThroughput.java" \
      "$log" "$rows" "$m" "$t" 3 2>&1 | grep -v -i "warning"
    echo "== pytorch $m, $t threads"
    "$python" "$root/experiments/reference/pytorch_deepfm_benchmark.py" --data "$log" --rows "$rows" \
      --method "$m" --threads "$t" --epochs 3
  done
done
