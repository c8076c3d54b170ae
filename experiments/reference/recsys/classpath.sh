# Sourced by the scripts beside it: sets $cp, the class path of dfa-trainer (compiled by the caller)
# and the versions of its dependencies pinned in the parent pom, from the local Maven repository.
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
version() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -1; }
ejml=$(version ejml.version); rng=$(version commons-rng.version); math=$(version commons-math3.version)
jackson=$(version jackson.version); xchart=$(version xchart.version)
cp="$root/dfa-trainer/target/classes:$root/opu-sim/target/classes"
for j in ejml-core ejml-fdense ejml-ddense ejml-cdense ejml-zdense ejml-simple ejml-dsparse ejml-fsparse; do
  cp="$cp:$repo/org/ejml/$j/$ejml/$j-$ejml.jar"
done
for j in commons-rng-client-api commons-rng-core commons-rng-simple commons-rng-sampling; do
  cp="$cp:$repo/org/apache/commons/$j/$rng/$j-$rng.jar"
done
cp="$cp:$repo/org/apache/commons/commons-math3/$math/commons-math3-$math.jar"
for j in jackson-core jackson-databind jackson-annotations; do
  cp="$cp:$repo/com/fasterxml/jackson/core/$j/$jackson/$j-$jackson.jar"
done
cp="$cp:$repo/org/knowm/xchart/xchart/$xchart/xchart-$xchart.jar"
for j in $(find "$repo/de/erichseifert" "$repo/de/rototor" "$repo/com/madgag" -name '*.jar' 2>/dev/null); do cp="$cp:$j"; done
