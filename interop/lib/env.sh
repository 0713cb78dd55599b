# Shared settings and helpers of the interop world. Sourced, never run.
# shellcheck disable=SC2034  # the settings are used by the files that source this one
# Everything binds to loopback only; all state lives under $WORK.

INTEROP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${INTEROP_WORK:-$INTEROP_DIR/work}

TLD=interop
AUTH_ADDR=127.0.53.1       # NSD: root, TLD and every scenario zone
RESOLVER_ADDR=127.0.53.2   # Unbound, validating
# Port 53 for both: glue and resolv.conf cannot name another port.
DNS_PORT=53
SMTP_PORT=${INTEROP_SMTP_PORT:-25}
NS_NAME=ns.nic.$TLD

GEN=$WORK/gen              # keys, zones, certificates (regenerated at every start)
RUN=$WORK/run              # configs, pid files, logs, Postfix queue

# MX host endpoints: name, address, whether STARTTLS is offered, key type of its leaf, and the
# leaf's profile (pki.sh): "-" = SAN and CN the endpoint name, issued by the issuing CA;
# "san=N1,N2" = those names instead (DANE-TA name checks); "nc" = issued by a sub-CA whose name
# constraints exclude the name; "eku" = EKU clientAuth only; "critext" = an unknown critical
# extension.
ENDPOINTS=(
  "mx.ee.$TLD          127.0.60.1  starttls rsa -"
  "mx.ta.$TLD          127.0.60.2  starttls ec  -"
  "mx.wrongdigest.$TLD 127.0.60.3  starttls ec  -"
  "mx.nsec3.$TLD       127.0.60.4  starttls ec  -"
  "mx.unsigned.$TLD    127.0.60.5  starttls ec  -"
  "mx.bogus.$TLD       127.0.60.6  starttls ec  -"
  "mx.nostarttls.$TLD  127.0.60.7  plain    ec  -"
  "smtp.target.$TLD    127.0.60.8  starttls ec  -"
  "mx.unusable.$TLD    127.0.60.9  starttls ec  -"
  "mx1.partial.$TLD    127.0.60.10 starttls ec  -"
  "mx2.partial.$TLD    127.0.60.11 starttls ec  -"
  # CNAME targets in the unsigned zone (RFC 7672 2.2.2 "Insecure CNAME").
  "smtp-cu.unsigned.$TLD   127.0.60.12 starttls ec -"
  "smtp-cuta.unsigned.$TLD 127.0.60.13 starttls ec san=mx.cnameunsignedta.$TLD"
  # DANE-TA name checks (RFC 7672 3.2.2): leaves that name only one candidate identifier.
  "smtp-name.target.$TLD   127.0.60.14 starttls ec san=mx.cnametaname.$TLD"
  "mx1.hoster.$TLD         127.0.60.15 starttls ec san=expanded.hoster.$TLD"
  "mx2.hoster.$TLD         127.0.60.16 starttls ec san=orig.nexthopcname.$TLD"
  "mx3.hoster.$TLD         127.0.60.17 starttls ec san=relay.nexthopcname.$TLD"
  # DANE-TA path validation (RFC 6698 2.1.1: RFC 5280 6.1 with the matched TA).
  "mx.nameconstraint.$TLD  127.0.60.18 starttls ec nc"
  "mx-a.mxorder.$TLD       127.0.60.19 starttls ec -"
  "mx-b.mxorder.$TLD       127.0.60.20 starttls ec -"
  "mx.nullmixed.$TLD       127.0.60.21 starttls ec -"
  "mx2.bogusaddrbackup.$TLD 127.0.60.22 starttls ec -"
  "mx.eku.$TLD             127.0.60.23 starttls ec eku"
  "mx.critext.$TLD         127.0.60.24 starttls ec critext"
  "mx.badfull.$TLD         127.0.60.25 starttls ec -"
  "mx.taleaf.$TLD          127.0.60.26 starttls ec -"
)

log() { printf '[interop %3ds] %s\n' "$SECONDS" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# endpoint_addr NAME: the loopback address of an MX host.
endpoint_addr() {
  local row
  for row in "${ENDPOINTS[@]}"; do
    read -r n a _ <<<"$row"
    [[ $n == "$1" ]] && { echo "$a"; return 0; }
  done
  die "no endpoint $1"
}

# proc_running PID: the process exists and is not a zombie.
proc_running() {
  local state
  state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

# pid_alive FILE COMM: prints the pid in FILE if that process runs and is named COMM[: ...].
pid_alive() {
  local file=$1 comm=$2 pid
  [[ -s $file ]] || return 1
  pid=$(tr -dc '0-9' <"$file")
  [[ -n $pid ]] && proc_running "$pid" || return 1
  local actual
  actual=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
  # NSD retitles its processes ("nsd: xfrd").
  [[ $actual == "$comm" || $actual == "$comm: "* ]] || return 1
  echo "$pid"
}

# Postfix's queue and data directories: under $RUN if the postfix user can reach it (its
# daemons open files there after dropping privileges), else in /var/tmp (e.g. a checkout under
# /root). The choice is recorded at start so that stop finds the same place.
choose_postfix_state() {
  if runuser -u postfix -- test -x "$RUN" 2>/dev/null; then
    echo "$RUN/postfix"
  else
    echo "/var/tmp/dane-interop-postfix-$(printf %s "$WORK" | sha256sum | cut -c1-12)"
  fi
}
postfix_state() { cat "$RUN/postfix.state" 2>/dev/null; }

# services: the world's services, one row each: name, pid file, process name.
services() {
  echo "nsd     $RUN/nsd/nsd.pid         nsd"
  echo "unbound $RUN/unbound/unbound.pid unbound"
  local ps
  ps=$(postfix_state) && [[ -n $ps ]] && echo "postfix $ps/spool/pid/master.pid master"
  return 0
}
