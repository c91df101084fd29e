#!/usr/bin/env bash
# A real Slurm (slurmctld + slurmd + munge) on loopback, all state in one folder, for tests.
#   scripts/slurm-local.sh start DIR   installs the packages if missing, starts the daemons, waits
#                                      until the node is idle, and writes DIR/env (source it: it
#                                      exports SLURM_CONF)
#   scripts/slurm-local.sh stop DIR    stops the daemons by their PID files
# No systemd is needed or used. Processes are stopped by PID file only, after checking that the
# PID still runs the expected program.
set -euo pipefail
action=${1:?usage: slurm-local.sh start|stop DIR}
DIR=$(mkdir -p "${2:?usage: slurm-local.sh start|stop DIR}" && cd "$2" && pwd)
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

stop_pid() {  # stop_pid PIDFILE PROGRAM: Debian's slurmctld and slurmd are links to *-wlm
  local pidfile=$1 program=$2
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  local running=""
  [ -n "$pid" ] && [ -e "/proc/$pid/exe" ] && running=$(basename "$(readlink -f "/proc/$pid/exe")")
  if [ -n "$running" ] && { [ "$running" = "$program" ] || [ "$running" = "$program-wlm" ]; }; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
    [ -e "/proc/$pid" ] && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

if [ "$action" = stop ]; then
  stop_pid "$DIR/slurmd.pid" slurmd
  stop_pid "$DIR/slurmctld.pid" slurmctld
  stop_pid "$DIR/munged.pid" munged
  exit 0
fi
[ "$action" = start ] || { echo "usage: slurm-local.sh start|stop DIR" >&2; exit 64; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
  echo "Installing Slurm and munge from Debian…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
fi

mkdir -p "$DIR"/{spool,state,log,munge}
chmod 700 "$DIR/munge"
if [ ! -f "$DIR/munge/munge.key" ]; then
  dd if=/dev/urandom bs=1 count=1024 of="$DIR/munge/munge.key" status=none
  chmod 400 "$DIR/munge/munge.key"
fi
SOCKET="$DIR/munge/munge.socket"
munged --socket="$SOCKET" --key-file="$DIR/munge/munge.key" --pid-file="$DIR/munged.pid" \
  --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munge.seed" --force

HOST=$(hostname)
NODE=$(slurmd -C | head -1)
cat > "$DIR/slurm.conf" <<CONF
ClusterName=sieve-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/log/jobcomp.txt
SchedulerParameters=batch_sched_delay=0
MinJobAge=600
ReturnToService=2
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
$NODE State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$DIR/slurm.conf"
echo "export SLURM_CONF=$SLURM_CONF" > "$DIR/env"
slurmctld -c -f "$SLURM_CONF"
slurmd -c -f "$SLURM_CONF"
deadline=$(( $(date +%s) + 30 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  if timeout 5 sinfo -h -o "%T" 2>/dev/null | grep -qx idle; then echo "Slurm is up: SLURM_CONF=$SLURM_CONF"; exit 0; fi
  sleep 0.1
done
echo "Slurm did not come up within 30 s; see $DIR/log/" >&2
tail -n 5 "$DIR/log/slurmctld.log" "$DIR/log/slurmd.log" >&2 || true
"$0" stop "$DIR"
exit 1
