# Installs the world's tools from Debian packages if any is missing. Sourced.
# The packages' own services are never started: invoke-rc.d is denied through
# policy-rc.d during the install, and Postfix gets "No configuration".

INTEROP_PACKAGES=(unbound nsd ldnsutils postfix openssl bind9-dnsutils util-linux procps ca-certificates)
INTEROP_COMMANDS=(unbound nsd nsd-checkconf ldns-keygen ldns-signzone ldns-key2ds postfix postconf
  posttls-finger openssl dig unshare)

install_missing() {
  local missing=() c
  for c in "${INTEROP_COMMANDS[@]}"; do
    PATH=$PATH:/usr/sbin:/sbin command -v "$c" >/dev/null || missing+=("$c")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "installing packages (missing: ${missing[*]})"
  [[ $(id -u) -eq 0 ]] || die "need root to install ${INTEROP_PACKAGES[*]}"

  local policy=/usr/sbin/policy-rc.d made_policy=
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=1
  fi
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  local rc=0
  {
    apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${INTEROP_PACKAGES[@]}"
  } >"$WORK/apt.log" 2>&1 || rc=$?
  [[ -n $made_policy ]] && rm -f "$policy"
  [[ $rc -eq 0 ]] || { tail -20 "$WORK/apt.log" >&2; die "apt-get failed (log: $WORK/apt.log)"; }

  # policy-rc.d kept the packages' services from starting; say so if one runs anyway.
  local f
  for f in "/var/spool/postfix/pid/master.pid master" "/run/unbound.pid unbound" "/run/nsd/nsd.pid nsd"; do
    # shellcheck disable=SC2086
    pid_alive $f >/dev/null && log "WARNING: a system service runs (${f#* }), not started by the world"
  done
  return 0
}
