# The signed DNS hierarchy: private root ".", TLD "$TLD." and one child zone per scenario,
# keys made and zones signed at run time with ldns (ldns-keygen, ldns-signzone, ldns-key2ds).
# Sourced. Writes $GEN/keys and $GEN/zones.

KEYS=$GEN/keys
ZONES=$GEN/zones

# Child zones of $TLD. "target" holds the CNAME target of the "cname" scenario.
CHILD_ZONES=(ee ta wrongdigest nsec3 unsigned bogus nostarttls cname target unusable partial nullmx)

# zone_algorithm CHILD: DNSSEC algorithm of a child zone's single key (a CSK), varied on purpose.
zone_algorithm() {
  case $1 in
    ta) echo RSASHA256 ;;
    target) echo ED25519 ;;
    *) echo ECDSAP256SHA256 ;;
  esac
}

# keygen ORIGIN ALG ksk|zsk: make a key pair in $KEYS, print its base path.
keygen() {
  local bits=() flag=()
  [[ $2 == RSASHA256 ]] && bits=(-b 2048)
  [[ $3 == ksk ]] && flag=(-k)
  (cd "$KEYS" && ldns-keygen -a "$2" "${bits[@]}" "${flag[@]}" "$1") | sed "s|^|$KEYS/|"
}

ds_of() { ldns-key2ds -n -2 "$1.key"; } # SHA-256 DS of a key, to stdout

# sign ORIGIN IN OUT nsec|nsec3 KEYBASE...
sign() {
  local origin=$1 in=$2 out=$3 denial=$4
  shift 4
  local opts=(-i "$(date -u -d '-1 hour' +%Y%m%d%H%M%S)" -e "$(date -u -d '+30 days' +%Y%m%d%H%M%S)")
  # RFC 9276: NSEC3 with 0 extra iterations and an empty salt.
  [[ $denial == nsec3 ]] && opts+=(-n -a 1 -t 0)
  ldns-signzone "${opts[@]}" -o "$origin" -f "$out" "$in" "$@"
}

zone_head() { # zone_head ORIGIN(with trailing dot)
  printf '$TTL 300\n'
  printf '%s 300 IN SOA %s. hostmaster.nic.%s. %s 3600 600 86400 300\n' "$1" "$NS_NAME" "$TLD" "$SERIAL"
  printf '%s 300 IN NS %s.\n' "$1" "$NS_NAME"
}

a_rr() { printf '%s. 300 IN A %s\n' "$1" "$(endpoint_addr "$1")"; }
tlsa_rr() { printf '_%s._tcp.%s. 300 IN TLSA %s\n' "$SMTP_PORT" "$1" "$2"; }

# TLSA rdata per scenario host; also written to world.properties.
tlsa_ee() { echo "3 1 1 $(spki_sha256_of_cert "$PKI/$1.pem")"; }
tlsa_retired() { echo "3 1 1 $(spki_sha256_of_key "$PKI/retired.key")"; }

child_body() { # child_body NAME: the unsigned records of CHILD.$TLD, after the head
  local z=$1.$TLD
  case $1 in
    ee | unsigned | bogus | nostarttls)
      printf '%s. 300 IN MX 10 mx.%s.\n' "$z" "$z"
      a_rr "mx.$z"
      tlsa_rr "mx.$z" "$(tlsa_ee "mx.$z")"
      ;;
    ta)
      printf '%s. 300 IN MX 10 mx.%s.\n' "$z" "$z"
      a_rr "mx.$z"
      tlsa_rr "mx.$z" "2 0 1 $(cert_sha256 "$PKI/issuing-ca.pem")"
      ;;
    wrongdigest)
      printf '%s. 300 IN MX 10 mx.%s.\n' "$z" "$z"
      a_rr "mx.$z"
      tlsa_rr "mx.$z" "$(tlsa_retired)"
      ;;
    nsec3)
      printf '%s. 300 IN MX 10 mx.%s.\n' "$z" "$z"
      a_rr "mx.$z"
      ;;
    cname)
      printf '%s. 300 IN MX 10 mx.%s.\n' "$z" "$z"
      printf 'mx.%s. 300 IN CNAME smtp.target.%s.\n' "$z" "$TLD"
      ;;
    target)
      a_rr "smtp.$z"
      tlsa_rr "smtp.$z" "$(tlsa_ee "smtp.$z")"
      ;;
    unusable)
      # PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP (RFC 7672 3.1.3), though they match.
      printf '%s. 300 IN MX 10 mx.%s.\n' "$z" "$z"
      a_rr "mx.$z"
      tlsa_rr "mx.$z" "0 0 1 $(cert_sha256 "$PKI/root-ca.pem")"
      tlsa_rr "mx.$z" "1 0 1 $(cert_sha256 "$PKI/mx.$z.pem")"
      ;;
    partial)
      printf '%s. 300 IN MX 10 mx1.%s.\n' "$z" "$z"
      printf '%s. 300 IN MX 20 mx2.%s.\n' "$z" "$z"
      a_rr "mx1.$z"
      a_rr "mx2.$z"
      tlsa_rr "mx1.$z" "$(tlsa_ee "mx1.$z")"
      tlsa_rr "mx2.$z" "$(tlsa_retired)"
      ;;
    nullmx)
      printf '%s. 300 IN MX 0 .\n' "$z" # RFC 7505
      ;;
    *) die "unknown zone $1" ;;
  esac
}

# Flip the first character of the signature of the RRSIG over OWNER's TYPE RRset.
corrupt_rrsig() { # corrupt_rrsig FILE OWNER TYPE
  local tmp=$1.tmp
  awk -v owner="$2" -v type="$3" '
    $1 == owner && $4 == "RRSIG" && $5 == type && !done {
      c = substr($NF, 1, 1); $NF = (c == "A" ? "B" : "A") substr($NF, 2); done = 1
    }
    { print }
    END { if (!done) exit 3 }' "$1" >"$tmp" || die "no RRSIG $3 at $2 in $1"
  mv "$tmp" "$1"
}

dns_generate() {
  mkdir -p "$KEYS" "$ZONES"
  SERIAL=$(date +%s)
  local c z k ds_lines=""

  for c in "${CHILD_ZONES[@]}"; do
    z=$c.$TLD
    { zone_head "$z."; child_body "$c"; } >"$ZONES/$z.zone"
    if [[ $c == unsigned ]]; then
      cp "$ZONES/$z.zone" "$ZONES/$z.zone.signed" # served as is; no DS in the parent
      continue
    fi
    k=$(keygen "$z." "$(zone_algorithm "$c")" ksk)
    local denial=nsec
    [[ $c == nsec3 ]] && denial=nsec3
    sign "$z." "$ZONES/$z.zone" "$ZONES/$z.zone.signed" "$denial" "$k"
    [[ $c == bogus ]] && corrupt_rrsig "$ZONES/$z.zone.signed" "$z." MX
    ds_lines+="$(ds_of "$k")"$'\n'
  done

  # TLD: KSK + ZSK, with the delegations (NS, and DS for the signed children).
  {
    zone_head "$TLD."
    printf '%s. 300 IN A %s\n' "$NS_NAME" "$AUTH_ADDR"
    for c in "${CHILD_ZONES[@]}"; do printf '%s.%s. 300 IN NS %s.\n' "$c" "$TLD" "$NS_NAME"; done
    printf '%s' "$ds_lines"
  } >"$ZONES/$TLD.zone"
  local tk tz
  tk=$(keygen "$TLD." ECDSAP256SHA256 ksk)
  tz=$(keygen "$TLD." ECDSAP256SHA256 zsk)
  sign "$TLD." "$ZONES/$TLD.zone" "$ZONES/$TLD.zone.signed" nsec "$tk" "$tz"

  # Root: KSK + ZSK, delegating $TLD with glue.
  {
    zone_head "."
    printf '%s. 300 IN NS %s.\n' "$TLD" "$NS_NAME"
    ds_of "$tk"
    printf '%s. 300 IN A %s\n' "$NS_NAME" "$AUTH_ADDR"
  } >"$ZONES/root.zone"
  local rk rz
  rk=$(keygen . RSASHA256 ksk)
  rz=$(keygen . RSASHA256 zsk)
  sign . "$ZONES/root.zone" "$ZONES/root.zone.signed" nsec "$rk" "$rz"

  ds_of "$rk" >"$GEN/root.ds"  # the trust anchor
  printf '. 3600 IN NS %s.\n%s. 3600 IN A %s\n' "$NS_NAME" "$NS_NAME" "$AUTH_ADDR" >"$GEN/root.hints"
}
