#!/usr/bin/env bash
# Runs the recsys experiment spec through the task API and writes its results:
#   experiments/reference/recsys/run-experiment.sh [--quick]
# into experiments/results/recsys/{full,quick}. Builds dfa-trainer, then runs RecsysExperiment.java
# on a class path of the versions pinned in the parent pom, from the local Maven repository.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
mode=full
[ "${1:-}" = "--quick" ] && mode=quick
(cd "$root" && mvn -q -B -o compile -pl dfa-trainer -am)
source "$root/experiments/reference/recsys/classpath.sh"
out="$root/experiments/results/recsys/$mode"
mkdir -p "$out"
exec java --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp "$cp" \
  "$root/experiments/reference/recsys/RecsysExperiment.java" \
  "$root/experiments/src/main/resources/org/opudfa/experiments/specs/recsys.json" "$out" ${1:+"$1"}
