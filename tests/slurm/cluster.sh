#!/usr/bin/env bash
# A real single-node Slurm for the tests: tests/slurm/cluster.sh start|stop|status
#
#   start   installs Debian's slurm-wlm and munge when absent, writes a munge key and a slurm.conf (this host as
#           controller and only compute node: CPUs from nproc, RealMemory measured by slurmd -C, no cgroups), starts
#           munged, slurmctld and slurmd as ordinary daemons (no systemd) and waits until sinfo shows the node idle.
#   stop    kills the three daemons this script started (by their pid files) and keeps the logs.
#   status  the daemons' pids and sinfo.
#
# Everything lives in $MT_SLURM_DIR (default ${TMPDIR:-/tmp}/mt-slurm): slurm.conf, munge key and socket, state,
# spool, logs and env.sh, which a client sources (`. "$MT_SLURM_DIR/env.sh"`) to reach this cluster: it sets
# SLURM_CONF, the only thing that distinguishes it from a site's /etc/slurm. The ports are $MT_SLURM_PORT and the
# next one (default 6917, 6918) so that a site's Slurm on 6817/6818 is left alone.
#
# Exit status: 0 done; 3 Slurm or munge is absent and cannot be installed (a test then skips, saying why);
# 1 anything else (a daemon did not start, the node did not become idle: see the log it names).
set -euo pipefail

dir="${MT_SLURM_DIR:-${TMPDIR:-/tmp}/mt-slurm}"
port="${MT_SLURM_PORT:-6917}"
conf="$dir/slurm.conf"
say() { echo "cluster.sh: $*"; }
fail() { echo "cluster.sh: error: $*" >&2; exit 1; }

have_binaries() {
  command -v munged >/dev/null && command -v slurmctld >/dev/null && command -v slurmd >/dev/null \
    && command -v sbatch >/dev/null && command -v sinfo >/dev/null
}

install_packages() {
  have_binaries && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "cluster.sh: Slurm/munge are not installed and apt-get is not available to root here; cannot start a cluster" >&2
    exit 3
  fi
  say "installing slurm-wlm and munge (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get install -y -q slurm-wlm munge >/dev/null 2>&1 \
         || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q slurm-wlm munge >/dev/null 2>&1; }; }; then
    echo "cluster.sh: apt-get could not install slurm-wlm and munge; cannot start a cluster" >&2
    exit 3
  fi
  have_binaries || { echo "cluster.sh: slurm-wlm and munge were installed but their programs are not on PATH" >&2; exit 3; }
}

# The pid in FILE when that process is alive.
alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

write_config() {
  mkdir -p "$dir"/{munge,state,spool,log}
  chmod 700 "$dir/munge"
  if [ ! -s "$dir/munge/munge.key" ]; then
    dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
    chmod 400 "$dir/munge/munge.key"
  fi
  local host cpus memory
  host="$(hostname -s)"
  cpus="$(nproc)"
  # What slurmd itself measures (a node configured with more memory than it has is drained), less 2 % for the OS.
  memory="$(slurmd -C 2>/dev/null | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p')"
  [ -n "$memory" ] || memory=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 ))
  memory=$(( memory * 98 / 100 ))
  cat >"$conf" <<EOF
# Written by tests/slurm/cluster.sh: a single-node cluster on $host for the tests. Not for production.
ClusterName=mt-single
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
# No cgroups in a container: processes are tracked through /proc, tasks are not bound.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
# CPUs and memory are the consumable resources; a job that names no memory gets its share per CPU.
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
DefMemPerCPU=$(( memory / cpus ))
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2,bf_interval=5
ReturnToService=2
SlurmdTimeout=120
# Finished jobs stay visible to scontrol for 5 minutes (there is no accounting database).
MinJobAge=300
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  cat >"$dir/env.sh" <<EOF
# Source this to use the single-node cluster of tests/slurm/cluster.sh.
export SLURM_CONF="$conf"
EOF
}

start() {
  install_packages
  if alive "$dir/slurmctld.pid" && alive "$dir/slurmd.pid" && alive "$dir/munge/munged.pid"; then
    say "already running in $dir"
  else
    stop quiet
    write_config
    export SLURM_CONF="$conf"
    munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" --pid-file="$dir/munge/munged.pid" \
      --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed" \
      || fail "munged did not start (see $dir/log/munged.log)"
    # -i: ignore jobs of an earlier run whose state was kept.
    slurmctld -f "$conf" -i || fail "slurmctld did not start (see $dir/log/slurmctld.log)"
    slurmd -f "$conf" || fail "slurmd did not start (see $dir/log/slurmd.log)"
  fi
  export SLURM_CONF="$conf"
  local state=""
  for _ in $(seq 1 60); do
    state="$(sinfo -h -N -o '%T' 2>/dev/null | head -1 || true)"
    if [ "$state" = idle ] || [ "$state" = mixed ] || [ "$state" = allocated ]; then
      say "node $(hostname -s) is $state ($(nproc) CPUs); use it with: . $dir/env.sh"
      return 0
    fi
    sleep 1
  done
  fail "the node did not become idle within 60 s (sinfo says '${state:-nothing}'; see $dir/log/)"
}

stop() {
  local pidfile pid
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    alive "$pidfile" || continue
    pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$pidfile"
  done
  [ "${1:-}" = quiet ] || say "stopped (logs kept in $dir/log)"
}

status() {
  local name pidfile
  for name in munged slurmctld slurmd; do
    pidfile="$dir/$name.pid"
    [ "$name" = munged ] && pidfile="$dir/munge/munged.pid"
    if alive "$pidfile"; then echo "$name: running, pid $(cat "$pidfile")"; else echo "$name: not running"; fi
  done
  if [ -f "$conf" ] && alive "$dir/slurmctld.pid"; then SLURM_CONF="$conf" sinfo -N; else return 1; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: tests/slurm/cluster.sh start|stop|status (state in \$MT_SLURM_DIR, default ${TMPDIR:-/tmp}/mt-slurm)" >&2; exit 2 ;;
esac
