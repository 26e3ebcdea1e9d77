#!/usr/bin/env bash
# Makes N virtual serial ports from socat pty pairs, for running ccmd without hardware:
#   DIR/ttyS1..N  the ports ccmd opens (listed in DIR/ccmd.json)
#   DIR/dev1..N   the device ends: attach a device simulator, or a person with
#                 `screen DIR/dev1` / `picocom DIR/dev1`
# Writes DIR/ccmd.json (config schema of src/config/schema.ts), prints what it made, and keeps
# running; on exit, Ctrl-C or TERM it kills its socat processes and removes the links and config.
#   usage: scripts/virtual-ports.sh N DIR
#   then:  ccmd serve --config DIR/ccmd.json
# Killing one socat (see the pids printed) makes its port's device vanish, as an unplugged USB
# adapter would; ccmd reports the port lost and keeps retrying.
set -euo pipefail

usage() { echo "usage: $0 N DIR   (N = 1..256 ports, DIR = where to put the links)" >&2; exit 2; }
[ $# -eq 2 ] || usage
n=$1
dir=$2
[[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 256 ] || usage
command -v socat >/dev/null 2>&1 || { echo "$0: socat is not installed" >&2; exit 1; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for i in $(seq 1 "$n"); do rm -f "$dir/ttyS$i" "$dir/dev$i"; done
  rm -f "$dir/ccmd.json" "$dir/socat.log"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for i in $(seq 1 "$n"); do
  socat -d -d "pty,raw,echo=0,link=$dir/ttyS$i" "pty,raw,echo=0,link=$dir/dev$i" 2>>"$dir/socat.log" &
  pids+=("$!")
done

# Wait until every link exists (socat makes them once its ptys are set up).
deadline=$((SECONDS + 10))
for i in $(seq 1 "$n"); do
  until [ -e "$dir/ttyS$i" ] && [ -e "$dir/dev$i" ]; do
    if [ $SECONDS -ge $deadline ]; then echo "$0: socat made no links for port $i (see $dir/socat.log)" >&2; exit 1; fi
    sleep 0.05
  done
done

{
  printf '{\n  "ports": {\n'
  for i in $(seq 1 "$n"); do
    sep=','; [ "$i" -eq "$n" ] && sep=''
    printf '    "%d": { "device": "%s" }%s\n' "$i" "$dir/ttyS$i" "$sep"
  done
  printf '  }\n}\n'
} >"$dir/ccmd.json"

echo "virtual-ports: $n socat pty pairs in $dir"
for i in $(seq 1 "$n"); do
  echo "  port $i: ccmd opens $dir/ttyS$i -> $(readlink "$dir/ttyS$i"), device end $dir/dev$i -> $(readlink "$dir/dev$i")  (socat pid ${pids[$((i - 1))]})"
done
echo "config: $dir/ccmd.json   (ccmd serve --config $dir/ccmd.json)"
echo "Ctrl-C to remove them."
wait
