#!/usr/bin/env bash
# Integration test, category Slurm (run by .ci/run after the ci experiment; by hand: tests/slurm/test-generate.sh).
#
# Starts the single-node Slurm of tests/slurm/cluster.sh, generates the ci data sets through it with 4 shards
# (./build.sh GenerateTrain;GenerateTest --scheduler slurm, into a temporary data folder) and checks:
#   1. a task that dies (task 3 of the training array is cancelled while it runs) is resubmitted once; when it dies
#      again, the run fails and names task 3;
#   2. the rerun generates only the missing shard 3, merges, then generates the test split;
#   3. every merged file (train.h5, test.h5 and the noisy copies) has the SHA-256 of the ordinary single-process
#      run's (results/ci/data from the ci experiment, or `mt generate` into a temporary folder when that is absent),
#      and each has the generate stage record.
# GenerateData's training-set figure is left out so that results/ci/figures is not rewritten from temporary data.
# Prints one closing line "slurm test: passed|FAILED|SKIPPED (reason)"; exit 0 when passed or skipped (the packages
# cannot be installed), 1 when failed. The cluster is stopped at the end if this test started it.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
say() { echo "slurm test: $*"; }
fail() { say "FAILED: $*"; exit 1; }
export MT_SLURM_POLL=2
start=$SECONDS

dir="${MT_SLURM_DIR:-${TMPDIR:-/tmp}/mt-slurm}"
started=0
tests/slurm/cluster.sh status >/dev/null 2>&1 || started=1
rc=0
tests/slurm/cluster.sh start || rc=$?
if [ "$rc" = 3 ]; then say "SKIPPED: Slurm and munge are not installed and could not be installed here (cluster.sh said why above)"; exit 0; fi
[ "$rc" = 0 ] || fail "the single-node cluster did not start (logs in $dir/log)"
work="$(mktemp -d)"
cleanup() { [ "$started" = 0 ] || tests/slurm/cluster.sh stop >/dev/null; rm -rf "$work"; }
trap cleanup EXIT
# shellcheck source=/dev/null
. "$dir/env.sh"

./build.sh Compile >/dev/null || fail "./build.sh Compile failed"
mt="$root/artifacts/mt/mt"
reference="$root/results/ci/data"
# The files record the code version (commit, +dirty) they were made by, so the ci experiment's data are the reference
# only when their stage records name the version this run has (what Mt.Data's Git.Describe writes).
current="$(git rev-parse HEAD 2>/dev/null || echo none)"
[ -z "$(git status --porcelain -- ':/' ':(top,exclude)results' 2>/dev/null)" ] || current="$current+dirty"
recorded() { sed -n 's/^ *"version": "\(.*\)",*$/\1/p' "$reference/$1.h5.stage.json" 2>/dev/null | head -1; }
if [ -f "$reference/train.h5" ] && [ -f "$reference/test.h5" ] && [ "$(recorded train)" = "$current" ] && [ "$(recorded test)" = "$current" ]; then
  say "reference: $reference (the ordinary run of the ci experiment, code $current)"
else
  why="results/ci/data is absent"
  [ ! -f "$reference/train.h5" ] || why="results/ci/data was made by code $(recorded train), this is $current"
  reference="$work/reference"
  mkdir -p "$reference"
  say "reference: $why; generating it with mt generate into $reference"
  for split in train test; do
    "$mt" generate --experiment experiments/ci.json --split "$split" --out "$reference/$split.h5" >/dev/null || fail "mt generate --split $split failed"
  done
fi

data="$work/data"
generate() { ./build.sh "GenerateTrain;GenerateTest" --experiment ci --scheduler slurm --shards 4 --data-dir "$data"; }

# 1. Task 3 of the training array is cancelled twice while it runs.
log1="$work/run1.log"
generate >"$log1" 2>&1 &
run=$!
kills=0
while kill -0 "$run" 2>/dev/null; do
  if [ "$kills" -lt 2 ]; then
    task="$(squeue -h -r -n mt-ci-generate-train -t R -o '%i %K' 2>/dev/null | awk '$2 == 3 {print $1; exit}')"
    if [ -n "$task" ]; then
      scancel "$task" && kills=$((kills + 1)) && say "cancelled task $task while it ran ($kills of 2)"
      while squeue -h -r -j "$task" 2>/dev/null | grep -q .; do sleep 0.5; done
    fi
  fi
  sleep 0.5
done
wait "$run" && { cat "$log1"; fail "the run went through although task 3 was cancelled twice"; }
grep -q "resubmitting them once" "$log1" || { cat "$log1"; fail "the cancelled task was not resubmitted"; }
grep -q "task 3 of mt-ci-generate-train failed twice" "$log1" || { cat "$log1"; fail "the run did not name task 3 as failed"; }
say "run 1 failed as it should: task 3 cancelled twice, resubmitted once, then reported"

# 2. The rerun makes only shard 3 of the training set, then the test set.
log2="$work/run2.log"
generate >"$log2" 2>&1 || { cat "$log2"; fail "the rerun failed"; }
grep -q "train: 1 of 4 shards to generate (3)" "$log2" || { cat "$log2"; fail "the rerun did not run shard 3 alone"; }
grep -q "test: 4 of 4 shards to generate" "$log2" || { cat "$log2"; fail "the rerun did not generate the test split"; }
grep "slurm:" "$log2" | sed 's/^ */  /'

# 3. Bit for bit.
mismatch=0
files=0
for ref in "$reference"/*.h5; do
  name="$(basename "$ref")"
  files=$((files + 1))
  a="$(sha256sum <"$ref" | cut -d' ' -f1)"
  b="$( [ -f "$data/$name" ] && sha256sum <"$data/$name" | cut -d' ' -f1)"
  if [ "$a" = "$b" ]; then say "$name: identical (sha256 $a)"; else say "$name: DIFFERS (ordinary $a, slurm ${b:-missing})"; mismatch=1; fi
done
[ "$(ls "$data"/*.h5 | wc -l)" = "$files" ] || { ls "$data"; fail "the Slurm run wrote other data sets than the ordinary run"; }
[ "$mismatch" = 0 ] || fail "the merged data sets differ from the ordinary run's"
for split in train test; do
  grep -q "\"stage\": \"generate-$split\"" "$data/$split.h5.stage.json" 2>/dev/null || fail "$split.h5 has no generate-$split stage record"
done
[ -z "$(ls -A "$data/shards")" ] || fail "shards were left behind in $data/shards"
say "passed: $files data sets identical to the ordinary run's, 4 shards, one task resubmitted and one rerun ($((SECONDS - start)) s)"
