# Starting and stopping the world's servers: NSD (authority), Unbound (validating resolver),
# Postfix smtpd (one instance, one listener per MX host address). Sourced.
# Each runs as root from its own config under $RUN, with its own pid file; nothing is chrooted
# and nothing binds outside loopback.

nsd_start() {
  local d=$RUN/nsd
  mkdir -p "$d"
  {
    cat <<EOF
server:
  ip-address: $AUTH_ADDR
  port: $DNS_PORT
  do-ip6: no
  username: ""
  chroot: ""
  database: ""
  zonesdir: "$ZONES"
  zonelistfile: "$d/zone.list"
  xfrdfile: "$d/xfrd.state"
  xfrdir: "$d"
  pidfile: "$d/nsd.pid"
  logfile: "$d/nsd.log"
  server-count: 1
  verbosity: 1
  hide-version: yes
  refuse-any: yes
remote-control:
  control-enable: no
zone:
  name: "."
  zonefile: "root.zone.signed"
zone:
  name: "$TLD."
  zonefile: "$TLD.zone.signed"
EOF
    local c
    for c in "${CHILD_ZONES[@]}"; do
      printf 'zone:\n  name: "%s.%s."\n  zonefile: "%s.%s.zone.signed"\n' "$c" "$TLD" "$c" "$TLD"
    done
  } >"$d/nsd.conf"
  nsd-checkconf "$d/nsd.conf" || die "nsd.conf invalid"
  nsd -c "$d/nsd.conf" || die "nsd did not start (log: $d/nsd.log)"
  wait_for "nsd pid file" 10 pid_alive "$d/nsd.pid" nsd
}

unbound_start() {
  local d=$RUN/unbound
  mkdir -p "$d"
  cat >"$d/unbound.conf" <<EOF
server:
  interface: $RESOLVER_ADDR
  port: $DNS_PORT
  outgoing-interface: $RESOLVER_ADDR
  do-ip6: no
  access-control: 127.0.0.0/8 allow
  do-not-query-localhost: no
  root-hints: "$GEN/root.hints"
  trust-anchor-file: "$GEN/root.ds"
  username: ""
  chroot: ""
  directory: "$d"
  pidfile: "$d/unbound.pid"
  logfile: "$d/unbound.log"
  use-syslog: no
  log-time-ascii: yes
  verbosity: 1
  val-log-level: 2
  num-threads: 1
  so-reuseport: no
  outgoing-range: 64
  module-config: "validator iterator"
  harden-dnssec-stripped: yes
  # RFC 8914 extended errors: a SERVFAIL for a bogus answer says so (EDE 6, "DNSSEC Bogus"),
  # which is all that tells a client trusting the AD bit a bogus answer from a failed server.
  ede: yes
  val-permissive-mode: no
  # Answer fresh: the world is regenerated at every start.
  cache-max-ttl: 60
  cache-max-negative-ttl: 10
remote-control:
  control-enable: no
EOF
  unbound-checkconf "$d/unbound.conf" >/dev/null || die "unbound.conf invalid"
  unbound -c "$d/unbound.conf" || die "unbound did not start (log: $d/unbound.log)"
  wait_for "unbound pid file" 10 pid_alive "$d/unbound.pid" unbound
}

postfix_start() {
  # Config (root-owned, as postfix-script checks), queue and data directories side by side.
  local d=$RUN/postfix/etc p
  mkdir -p "$d"
  p=$(choose_postfix_state)
  [[ $p == "$RUN/postfix" ]] || rm -rf "$p"
  mkdir -p "$p/spool" "$p/data"
  chown postfix "$p/data"
  echo "$p" >"$RUN/postfix.state"
  local row name addr mode
  cat >"$d/main.cf" <<EOF
# Postfix of the dane-check interop world: receives nothing, relays nothing, delivers nothing.
compatibility_level = 3.6
queue_directory = $p/spool
data_directory = $p/data
maillog_file = $RUN/postfix/maillog
maillog_file_prefixes = $RUN/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = smtp.nic.$TLD
mydomain = nic.$TLD
mydestination =
# The listeners in master.cf name their own addresses; Postfix accepts only addresses that an
# interface carries here, and the 127.0.60.x ones are routed to lo but not configured on it.
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_peername_lookup = no
smtpd_relay_restrictions = reject
smtpd_recipient_restrictions = reject
default_transport = error:interop world delivers nothing
relay_transport = error:interop world delivers nothing
local_transport = error:interop world delivers nothing
alias_maps =
alias_database =
biff = no
smtpd_banner = \$myhostname ESMTP interop world
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
smtpd_tls_session_cache_database =
EOF
  {
    echo "# One smtpd per MX host address, with that host's certificate chain."
    for row in "${ENDPOINTS[@]}"; do
      read -r name addr mode _ <<<"$row"
      printf '%s:%s inet n - n - - smtpd\n' "$addr" "$SMTP_PORT"
      printf '  -o myhostname=%s\n' "$name"
      printf '  -o smtpd_tls_chain_files=%s\n' "$PKI/$name.keychain.pem"
      [[ $mode == plain ]] && printf '  -o smtpd_tls_security_level=none\n'
    done
    cat <<'EOF'
# Internal services smtpd needs; no qmgr, pickup or delivery agent: nothing leaves.
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
cleanup   unix  n       -       n       -       0       cleanup
anvil     unix  -       -       n       -       1       anvil
proxymap  unix  -       -       n       -       -       proxymap
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
  } >"$d/master.cf"
  # Postfix commands report errors on stderr only when it is a terminal: give them one.
  script -qec "postfix -c '$d' start" /dev/null >"$p/start.log" 2>&1 ||
    { cat "$p/start.log" >&2; die "postfix did not start (log: $RUN/postfix/maillog)"; }
  wait_for "postfix master pid file" 10 pid_alive "$p/spool/pid/master.pid" master
  for row in "${ENDPOINTS[@]}"; do
    read -r _ addr _ <<<"$row"
    wait_for "smtpd on $addr:$SMTP_PORT" 10 port_open "$addr" "$SMTP_PORT"
  done
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_for WHAT SECONDS COMMAND...: retry COMMAND every 0.2 s until it succeeds.
wait_for() {
  local what=$1 limit=$(($2 * 5)) i
  shift 2
  for ((i = 0; i < limit; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  die "timed out waiting for $what"
}

# stop_all: TERM each service from its pid file, KILL after 5 s; quiet when nothing runs.
stop_all() {
  local name file comm pid i
  while read -r name file comm; do
    pid=$(pid_alive "$file" "$comm") || continue
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 25; i++)); do
      proc_running "$pid" || break
      sleep 0.2
    done
    if proc_running "$pid"; then
      log "$name did not stop; killing pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done < <(services)
  # Postfix children exit when their master does; wait until none of ours is left.
  wait_no_postfix_children
  # A queue outside the work directory is not left behind in /var/tmp.
  local ps
  ps=$(postfix_state) && [[ -n $ps && $ps == /var/tmp/dane-interop-postfix-* ]] && rm -rf "$ps"
  return 0
}

# Processes started from our Postfix config: their /proc/PID/cwd is our queue directory.
postfix_children() {
  local p pid spool
  spool=$(postfix_state)/spool
  [[ $spool != /spool ]] || return 0
  while read -r p; do
    pid=${p#/proc/}
    pid=${pid%/cwd}
    proc_running "$pid" && echo "$pid"
  done < <(find /proc/[0-9]*/cwd -maxdepth 0 -lname "$spool" 2>/dev/null)
  return 0
}

wait_no_postfix_children() {
  local i left
  for ((i = 0; i < 25; i++)); do
    left=$(postfix_children)
    [[ -z $left ]] && return 0
    sleep 0.2
  done
  log "killing leftover Postfix processes: $left"
  # shellcheck disable=SC2086
  kill -KILL $left 2>/dev/null || true
}
