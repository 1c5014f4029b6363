#!/usr/bin/env bash
# The Slurm engine of the experiment graph (build/Build.proj runs it for --scheduler slurm):
#
#   run.sh generate --mt MT --experiment EXP.json --data-dir DIR --split train|test --shards N [common options]
#       array task k runs `mt generate --shard k/N` into DIR/shards/SPLIT-k-of-N.h5; a merge job that depends on the
#       whole array (afterok) runs `mt merge --experiment` into DIR/SPLIT.h5 (noisy copies and stage record included).
#       Shards already on disk (and newer than the data stamp) are not run again; N is at most the split's model count.
#   run.sh invert --mt MT --experiment EXP.json --results DIR --data-dir DIR [common options]
#       array task k runs `mt invert-set --task k/n`, one inversion each (n from `mt invert-set --count`); a closing
#       job (afterok) runs `mt invert-set --after-tasks`, which checks that all are finished and writes the record.
#   common options: [--partition P] [--time HH:MM:SS] [--cores C] [--stamp FILE]
#
# Every job is written from the one template build/slurm/task.sbatch.in into the state folder (DIR/slurm for data,
# RESULTS/nlcg/slurm for NLCG) with its log and exit status, then submitted with sbatch. The engine waits, printing
# progress (tasks done / running / pending / failed, with the job ids), resubmits failed tasks once, then names those
# that failed again by index and exits 1. A task's memory request is 1.5 times the peak memory measured for the same
# job in an earlier run (GNU time), or MT_SLURM_MEM_MB (default 2048) before any was measured.
# Environment: MT_SLURM_POLL (seconds between polls, default 5), MT_SLURM_SETUP (a line run first in every job, e.g.
# "module load dotnet/8.0").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
template="$here/task.sbatch.in"
poll="${MT_SLURM_POLL:-5}"

die() { echo "slurm: error: $*" >&2; exit 1; }
say() { echo "slurm: $*"; }

[ $# -ge 1 ] || die "usage: run.sh generate|invert --name value ..."
verb="$1"; shift
mt="" experiment="" data_dir="" results="" split="" shards=1 partition="" time_limit="" cores=1 stamp=""
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || die "option $1 needs a value"
  case "$1" in
    --mt) mt="$2" ;; --experiment) experiment="$2" ;; --data-dir) data_dir="$2" ;; --results) results="$2" ;;
    --split) split="$2" ;; --shards) shards="$2" ;; --partition) partition="$2" ;; --time) time_limit="$2" ;;
    --cores) cores="$2" ;; --stamp) stamp="$2" ;;
    *) die "unknown option $1" ;;
  esac
  shift 2
done
[ -x "$mt" ] || die "--mt: '$mt' is not an executable (./build.sh Compile makes artifacts/mt/mt)"
[ -f "$experiment" ] || die "--experiment: '$experiment' does not exist"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || die "--shards: '$shards' is not a positive whole number"
[[ "$cores" =~ ^[1-9][0-9]*$ ]] || die "--cores: '$cores' is not a positive whole number"
[ -z "$time_limit" ] || [[ "$time_limit" =~ ^([0-9]+-)?[0-9]+(:[0-9]{2}){0,2}$ ]] || die "--time: '$time_limit' is not a Slurm time (HH:MM:SS)"
command -v sbatch >/dev/null && command -v squeue >/dev/null \
  || die "sbatch/squeue are not on PATH: run on a Slurm login node (or start tests/slurm/cluster.sh and source its env.sh)"
exp_name="$(basename "$experiment" .json)"

# write_job NAME ARRAY DESCRIPTION COMMAND: the job script STATE/NAME.sbatch from the template. COMMAND may use $k.
write_job() {
  local name="$1" array="$2" description="$3" command="$4" script="$state/$1.sbatch" mem note optional="" text
  mem="$(measured_mb "$name")"
  if [ -n "$mem" ]; then note="1.5 x the peak measured in the previous run, $(( mem * 2 / 3 )) MB"
  else mem="${MT_SLURM_MEM_MB:-2048}"; note="not measured yet: the default MT_SLURM_MEM_MB; the run measures it for the next one"; fi
  [ -z "$partition" ] || optional+="#SBATCH --partition=$partition"$'\n'
  [ -z "$time_limit" ] || optional+="#SBATCH --time=$time_limit"$'\n'
  text="$(<"$template")"
  text="${text//@DESCRIPTION@/$description}"; text="${text//@SCRIPT@/$script}"; text="${text//@NAME@/$name}"
  text="${text//@ARRAY@/$array}"; text="${text//@CPUS@/$cores}"; text="${text//@MEM_MB@/$mem}"; text="${text//@MEM_NOTE@/$note}"
  text="${text//@LOGDIR@/$state}"; text="${text//@STATEDIR@/$state}"; text="${text//@OPTIONAL_SBATCH@/${optional%$'\n'}}"
  text="${text//@SETUP@/${MT_SLURM_SETUP:-# (none)}}"; text="${text//@COMMAND@/$command}"
  printf '%s\n' "$text" >"$script"
  echo "$script"
}

# The memory (MB) to request for job NAME: 1.5 x the largest peak its tasks measured last time (at least 256 MB).
measured_mb() {
  local kb
  kb="$(cat "$state/$1"-*.maxrss 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -1 || true)"
  [ -n "$kb" ] || return 0
  local mb=$(( kb * 3 / 2 / 1024 + 1 ))
  [ "$mb" -ge 256 ] || mb=256
  echo "$mb"
}

# submit SCRIPT [DEPENDENCY]: the job id.
submit() {
  local out
  out="$(sbatch --parsable ${2:+--dependency=afterok:$2 --kill-on-invalid-dep=yes} "$1")" || die "sbatch $1 failed"
  echo "${out%%;*}"
}

# wait_array NAME JOB TASKS...: polls until every task has finished; prints progress; sets FAILED to the failed ones.
wait_array() {
  local name="$1" job="$2"; shift 2
  local tasks=("$@") line="" previous="" k rc st done running pending
  local listing
  declare -A queued
  while true; do
    # squeue can fail for a moment on a busy controller: then nothing is concluded from this poll.
    if ! listing="$(squeue -h -r -j "$job" -o '%K %t' 2>&1)" && ! [[ "$listing" == *"Invalid job id"* ]]; then
      say "squeue failed ($listing); trying again in $poll s"
      sleep "$poll"
      continue
    fi
    queued=()
    while read -r k st; do [[ "$k" =~ ^[0-9]+$ ]] && queued[$k]="$st"; done <<<"$listing"
    done=0 running=0 pending=0 FAILED=()
    for k in "${tasks[@]}"; do
      if [ -f "$state/$name-$k.rc" ]; then
        rc="$(cat "$state/$name-$k.rc")"
        if [ "$rc" = 0 ]; then done=$((done + 1)); else FAILED+=("$k"); fi
      elif [ -n "${queued[$k]:-}" ]; then
        case "${queued[$k]}" in R|CG) running=$((running + 1)) ;; *) pending=$((pending + 1)) ;; esac
      else
        # Gone from the queue without an exit status: killed (time limit, memory, node failure, scancel).
        FAILED+=("$k")
      fi
    done
    line="$name (job $job): ${done}/${#tasks[@]} done, $running running, $pending pending, ${#FAILED[@]} failed"
    [ "$line" = "$previous" ] || say "$line"
    previous="$line"
    [ $((done + ${#FAILED[@]})) -lt ${#tasks[@]} ] || return 0
    sleep "$poll"
  done
}

# run_stage NAME CLOSE_NAME TASKS_COMMAND CLOSE_COMMAND DESCRIPTION TASKS...: the array, its closing job, one retry.
run_stage() {
  local name="$1" close="$2" command="$3" close_command="$4" description="$5"; shift 5
  local tasks=("$@") attempt array script job close_job start=$SECONDS
  if [ ${#tasks[@]} -eq 0 ]; then
    rm -f "$state/$close-1.rc"
    close_job="$(submit "$(write_job "$close" 1 "Closing job of $name (no task was left to run)." "$close_command")")"
    live="$close_job"
    say "submitted job $close_job; log in $state"
  fi
  for attempt in 1 2; do
    [ ${#tasks[@]} -gt 0 ] || break
    for k in "${tasks[@]}"; do rm -f "$state/$name-$k.rc"; done
    rm -f "$state/$close-1.rc"
    array="$(IFS=,; echo "${tasks[*]}")"
    script="$(write_job "$name" "$array" "$description" "$command")"
    job="$(submit "$script")"
    live="$job"
    script="$(write_job "$close" 1 "Closing job of $name: runs when every task of array job $job has succeeded." "$close_command")"
    close_job="$(submit "$script" "$job")"
    live="$job $close_job"
    say "submitted array job $job (tasks $array) and job $close_job after it; logs in $state"
    wait_array "$name" "$job" "${tasks[@]}"
    [ ${#FAILED[@]} -gt 0 ] || break
    scancel "$close_job" 2>/dev/null || true
    if [ "$attempt" = 1 ]; then
      say "tasks $(IFS=,; echo "${FAILED[*]}") failed; resubmitting them once"
      tasks=("${FAILED[@]}")
    else
      for k in "${FAILED[@]}"; do echo "slurm: error: task $k of $name failed twice: see $state/$name-$k.log" >&2; done
      exit 1
    fi
  done
  wait_array "$close" "$close_job" 1
  live=""
  [ ${#FAILED[@]} -eq 0 ] || die "$close (job $close_job) failed: see $state/$close-1.log"
  say "$name finished in $((SECONDS - start)) s (array and $close)"
}

q() { printf '%q' "$1"; }

# An interrupted engine cancels the jobs it is waiting for, so that a rerun does not race them for the same files.
live=""
trap '[ -z "$live" ] || { say "interrupted: cancelling jobs $live"; scancel $live; }; exit 130' INT TERM

case "$verb" in
  generate)
    [ -d "$data_dir" ] || mkdir -p "$data_dir"
    [[ "$split" =~ ^(train|test)$ ]] || die "--split must be train or test, got '$split'"
    data_dir="$(cd "$data_dir" && pwd)"
    state="$data_dir/slurm"; shard_dir="$data_dir/shards"
    models="$("$mt" generate --experiment "$experiment" --split "$split" --count)"
    [[ "$models" =~ ^[1-9][0-9]*$ ]] || die "mt generate --count printed '$models'"
    if [ "$shards" -gt "$models" ]; then say "$split: $models models, so $models shards instead of $shards"; shards="$models"; fi
    mkdir -p "$state" "$shard_dir"
    shard_file() { echo "$shard_dir/$split-$1-of-$shards.h5"; }
    missing=()
    for k in $(seq 1 "$shards"); do
      f="$(shard_file "$k")"
      # A shard older than the data stamp was made with other parameters or code: made again.
      if [ -f "$f" ] && [ -n "$stamp" ] && [ "$stamp" -nt "$f" ]; then rm -f "$f" "${f%.h5}"-noise-*.h5 "$f.stage.json"; fi
      [ -f "$f" ] || missing+=("$k")
    done
    all=()
    for k in $(seq 1 "$shards"); do all+=("$(q "$(shard_file "$k")")"); done
    name="mt-$exp_name-generate-$split"
    command="$(q "$mt") generate --experiment $(q "$experiment") --split $split --shard \$k/$shards --out $(q "$shard_dir")/$split-\$k-of-$shards.h5"
    merge="$(q "$mt") merge --experiment $(q "$experiment") --out $(q "$data_dir/$split.h5") ${all[*]}"
    if [ ${#missing[@]} -eq 0 ]; then say "all $shards shards of $split are on disk; merging only"
    else say "$split: ${#missing[@]} of $shards shards to generate (${missing[*]})"; fi
    run_stage "$name" "mt-$exp_name-merge-$split" "$command" "$merge" \
      "Generates shard \$k of $shards of the $split split of $exp_name (mt generate --shard k/$shards)." ${missing[@]+"${missing[@]}"}
    # The merged set is complete: the shards are no longer needed.
    for k in $(seq 1 "$shards"); do f="$(shard_file "$k")"; rm -f "$f" "${f%.h5}"-noise-*.h5 "$f.stage.json"; done
    ;;
  invert)
    [ -n "$results" ] || die "--results is required"
    state="$results/nlcg/slurm"
    mkdir -p "$state"
    data_arg=()
    [ -z "$data_dir" ] || data_arg=(--data-dir "$data_dir")
    n="$("$mt" invert-set --experiment "$experiment" --results "$results" "${data_arg[@]}" --count)"
    [[ "$n" =~ ^[0-9]+$ ]] || die "mt invert-set --count printed '$n'"
    base="$(q "$mt") invert-set --experiment $(q "$experiment") --results $(q "$results")${data_dir:+ --data-dir $(q "$data_dir")}"
    if [ "$n" -eq 0 ]; then say "no inversions to run"; exit 0; fi
    say "$n inversions, one array task each (finished ones return at once)"
    run_stage "mt-$exp_name-invert" "mt-$exp_name-invert-close" "$base --task \$k/$n" "$base --after-tasks" \
      "Inversion \$k of $n of $exp_name (mt invert-set --task k/$n)." $(seq 1 "$n")
    ;;
  *) die "unknown verb '$verb' (generate or invert)" ;;
esac
