# The signed DNS hierarchy: private root ".", TLD "$TLD." and one child zone per scenario,
# keys made and zones signed at run time with ldns (ldns-keygen, ldns-signzone, ldns-key2ds).
# Sourced. Writes $GEN/keys and $GEN/zones.

KEYS=$GEN/keys
ZONES=$GEN/zones

# Child zones of $TLD. "target" holds the CNAME targets of "cname" and "cnametaname"; "unsigned"
# those of "cnameunsigned" and "cnameunsignedta"; "hoster" the CNAME-expanded next-hop domains of
# the "nexthop*" scenarios (whose original next-hop domains are in "nexthopcname").
CHILD_ZONES=(ee ta wrongdigest nsec3 unsigned bogus nostarttls cname target unusable partial nullmx
  cnameunsigned cnameunsignedta cnametaname nexthopcname hoster nameconstraint mxorder nullmixed
  bogusaddr bogusaddrbackup eku critext badfull taleaf)

# Unsigned child zones: served as written, no DS in the parent.
UNSIGNED_ZONES=(unsigned)

# zone_bogus_rrsets CHILD: "OWNER TYPE" of each RRset whose RRSIG is corrupted after signing.
zone_bogus_rrsets() {
  case $1 in
    bogus) echo "bogus.$TLD. MX" ;;
    bogusaddr) echo "mx.bogusaddr.$TLD. A" ;;
    bogusaddrbackup) echo "mx1.bogusaddrbackup.$TLD. A" ;;
  esac
}

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
tlsa_issuing_ta() { echo "2 0 1 $(cert_sha256 "$PKI/issuing-ca.pem")"; }
mx_rr() { printf '%s. 300 IN MX %s %s.\n' "$1" "$2" "$3"; } # mx_rr OWNER PREF HOST

child_body() { # child_body NAME: the unsigned records of CHILD.$TLD, after the head
  local z=$1.$TLD
  case $1 in
    ee | bogus | nostarttls)
      printf '%s. 300 IN MX 10 mx.%s.\n' "$z" "$z"
      a_rr "mx.$z"
      tlsa_rr "mx.$z" "$(tlsa_ee "mx.$z")"
      ;;
    unsigned)
      printf '%s. 300 IN MX 10 mx.%s.\n' "$z" "$z"
      a_rr "mx.$z"
      tlsa_rr "mx.$z" "$(tlsa_ee "mx.$z")"
      a_rr "smtp-cu.$z"  # CNAME targets of cnameunsigned and cnameunsignedta
      a_rr "smtp-cuta.$z"
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
      a_rr "smtp-name.$z"
      tlsa_rr "smtp-name.$z" "$(tlsa_issuing_ta)"
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
    cnameunsigned)
      # RFC 7672 2.2.2 "Insecure CNAME": the CNAME is signed, its target is not; the TLSA base
      # domain is the original (unexpanded) MX host name, whose TLSA RRset is signed.
      mx_rr "$z" 10 "mx.$z"
      printf 'mx.%s. 300 IN CNAME smtp-cu.unsigned.%s.\n' "$z" "$TLD"
      tlsa_rr "mx.$z" "$(tlsa_ee "smtp-cu.unsigned.$TLD")"
      ;;
    cnameunsignedta)
      # As cnameunsigned, with DANE-TA(2): the leaf names the original MX host name.
      mx_rr "$z" 10 "mx.$z"
      printf 'mx.%s. 300 IN CNAME smtp-cuta.unsigned.%s.\n' "$z" "$TLD"
      tlsa_rr "mx.$z" "$(tlsa_issuing_ta)"
      ;;
    cnametaname)
      # Secure CNAME: the base domain is the target; the leaf names only the unexpanded MX host
      # name, which RFC 7672 3.2.2 does not list as a reference identifier.
      mx_rr "$z" 10 "mx.$z"
      printf 'mx.%s. 300 IN CNAME smtp-name.target.%s.\n' "$z" "$TLD"
      ;;
    nexthopcname)
      # Original next-hop domains that are CNAMEs (RFC 7672 3.2.2's exchange.example.org).
      printf 'exchange.%s. 300 IN CNAME mail.%s.\n' "$z" "$z"
      printf 'mail.%s. 300 IN CNAME expanded.hoster.%s.\n' "$z" "$TLD"
      printf 'orig.%s. 300 IN CNAME orig.hoster.%s.\n' "$z" "$TLD"
      printf 'mid.%s. 300 IN CNAME relay.%s.\n' "$z" "$z"
      printf 'relay.%s. 300 IN CNAME mid.hoster.%s.\n' "$z" "$TLD"
      ;;
    hoster)
      # The CNAME-expanded next-hop domains and their MX hosts, each with DANE-TA(2).
      local n d
      for n in 1:expanded 2:orig 3:mid; do
        d=${n#*:}
        mx_rr "$d.$z" 10 "mx${n%%:*}.$z"
        a_rr "mx${n%%:*}.$z"
        tlsa_rr "mx${n%%:*}.$z" "$(tlsa_issuing_ta)"
      done
      ;;
    nameconstraint)
      # DANE-TA(2) of the root, which the server sends; the leaf's issuer is constrained to
      # partner.$TLD, so the path does not validate (RFC 5280 4.2.1.10).
      mx_rr "$z" 10 "mx.$z"
      a_rr "mx.$z"
      tlsa_rr "mx.$z" "2 0 1 $(cert_sha256 "$PKI/root-ca.pem")"
      ;;
    mxorder)
      # RFC 7672 2.2.1: sort by preference, then drop duplicates: mx-a (5) first, mx-b (10) second.
      # mx-a has no TLSA records (opportunistic), mx-b a matching 3 1 1.
      mx_rr "$z" 20 "mx-a.$z"
      mx_rr "$z" 10 "mx-b.$z"
      mx_rr "$z" 5 "mx-a.$z"
      a_rr "mx-a.$z"
      a_rr "mx-b.$z"
      tlsa_rr "mx-b.$z" "$(tlsa_ee "mx-b.$z")"
      ;;
    nullmixed)
      # A null MX next to a real one (RFC 7505 3: a misconfiguration); Postfix: no mail.
      printf '%s. 300 IN MX 0 .\n' "$z"
      mx_rr "$z" 10 "mx.$z"
      a_rr "mx.$z"
      tlsa_rr "mx.$z" "$(tlsa_ee "mx.$z")"
      ;;
    bogusaddr)
      # Secure MX; the only host's A RRset is bogus (RRSIG corrupted): the MTA defers.
      mx_rr "$z" 10 "mx.$z"
      printf 'mx.%s. 300 IN A 127.0.60.250\n' "$z"
      ;;
    bogusaddrbackup)
      # Secure MX; mx1's A RRset is bogus, mx2 is fine and matches its TLSA.
      mx_rr "$z" 10 "mx1.$z"
      mx_rr "$z" 20 "mx2.$z"
      printf 'mx1.%s. 300 IN A 127.0.60.251\n' "$z"
      a_rr "mx2.$z"
      tlsa_rr "mx2.$z" "$(tlsa_ee "mx2.$z")"
      ;;
    eku | critext)
      # DANE-TA(2) of the issuing CA; the leaf has EKU clientAuth only, resp. an unknown
      # critical extension: no valid TLS server certificate (RFC 5280 4.2.1.12, resp. 4.2).
      mx_rr "$z" 10 "mx.$z"
      a_rr "mx.$z"
      tlsa_rr "mx.$z" "$(tlsa_issuing_ta)"
      ;;
    badfull)
      # Only a Full(0) record whose data is no public key: unusable (OpenSSL SSL_dane_tlsa_add
      # rejects it; Postfix: "unusable TLSA RR", then unauthenticated TLS).
      mx_rr "$z" 10 "mx.$z"
      a_rr "mx.$z"
      tlsa_rr "mx.$z" "3 1 0 deadbeef"
      ;;
    taleaf)
      # DANE-TA(2) matching the (CA-issued) leaf itself: OpenSSL never uses depth 0 as a TA.
      mx_rr "$z" 10 "mx.$z"
      a_rr "mx.$z"
      tlsa_rr "mx.$z" "2 0 1 $(cert_sha256 "$PKI/mx.$z.pem")"
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
    if [[ " ${UNSIGNED_ZONES[*]} " == *" $c "* ]]; then
      cp "$ZONES/$z.zone" "$ZONES/$z.zone.signed" # served as is; no DS in the parent
      continue
    fi
    k=$(keygen "$z." "$(zone_algorithm "$c")" ksk)
    local denial=nsec
    [[ $c == nsec3 ]] && denial=nsec3
    sign "$z." "$ZONES/$z.zone" "$ZONES/$z.zone.signed" "$denial" "$k"
    local owner type
    while read -r owner type; do
      [[ -n $owner ]] && corrupt_rrsig "$ZONES/$z.zone.signed" "$owner" "$type"
    done < <(zone_bogus_rrsets "$c")
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
