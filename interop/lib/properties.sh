# The machine-readable description of the running world, for the Java interop tests:
# interop/work/world.properties (java.util.Properties format). Sourced.
#
# Expectations use the names of dane-check's API enums (DaneVerdict, MtaAction, DnssecStatus,
# HostStatus, ProblemCode); expect.problems lists codes the report must contain (not all it may).

# scenario | description | verdict | mtaAction | MX RRset DNSSEC status | problems
SCENARIO_FACTS=(
  "ee|DANE-EE 3 1 1 TLSA matching the server's key|VERIFIED|AUTHENTICATED_TLS|SECURE|"
  "ta|DANE-TA 2 0 1 TLSA on the issuing CA, which the server sends; leaf names the MX host|VERIFIED|AUTHENTICATED_TLS|SECURE|"
  "wrongdigest|3 1 1 TLSA with the digest of a key the server does not have|FAILED|DEFER|SECURE|TLSA_NO_MATCH"
  "nsec3|NSEC3-signed zone; the MX host has no TLSA (NSEC3-proven NXDOMAIN)|NO_DANE|OPPORTUNISTIC|SECURE|TLSA_NOT_FOUND"
  "unsigned|unsigned delegation (no DS); a matching TLSA exists but is insecure|NO_DANE|OPPORTUNISTIC|INSECURE|MX_INSECURE"
  "bogus|RRSIG over the MX RRset corrupted: Unbound answers SERVFAIL|FAILED|DEFER|BOGUS|DNSSEC_BOGUS"
  "nostarttls|matching 3 1 1 TLSA but the server does not offer STARTTLS|FAILED|DEFER|SECURE|STARTTLS_NOT_OFFERED"
  "cname|MX host is a CNAME to smtp.target.$TLD (another signed zone), TLSA at the expanded name|VERIFIED|AUTHENTICATED_TLS|SECURE|"
  "unusable|only PKIX-TA(0) and PKIX-EE(1) TLSA records, unusable for SMTP (RFC 7672 3.1.3)|UNAUTHENTICATED|UNAUTHENTICATED_TLS|SECURE|TLSA_ALL_UNUSABLE"
  "partial|two MX hosts: mx1 matches its TLSA, mx2 has a wrong digest|PARTIALLY_VERIFIED|AUTHENTICATED_TLS|SECURE|TLSA_NO_MATCH"
  "nullmx|null MX (RFC 7505)|NO_MAIL|NO_MAIL|SECURE|NULL_MX"
  "cnameunsigned|MX host in a signed zone is a CNAME into the unsigned zone; matching 3 1 1 TLSA at the original MX host name (RFC 7672 2.2.2 insecure CNAME)|VERIFIED|AUTHENTICATED_TLS|SECURE|"
  "cnameunsignedta|as cnameunsigned with DANE-TA 2 0 1; the leaf names the original MX host name|VERIFIED|AUTHENTICATED_TLS|SECURE|"
  "cnametaname|MX host is a secure CNAME; DANE-TA 2 0 1 at the target; the leaf names only the unexpanded MX host name, no reference identifier (RFC 7672 3.2.2)|FAILED|DEFER|SECURE|CERT_NAME_MISMATCH"
  "nexthopcname|next-hop domain is a CNAME chain to the domain with the MX; DANE-TA 2 0 1; the leaf names only the CNAME-expanded next-hop domain (RFC 7672 3.2.2)|VERIFIED|AUTHENTICATED_TLS|SECURE|"
  "nexthoporig|next-hop domain is a CNAME; DANE-TA 2 0 1; the leaf names only the original next-hop domain (RFC 7672 3.2.2)|VERIFIED|AUTHENTICATED_TLS|SECURE|"
  "nexthopmid|next-hop domain is a two-CNAME chain; DANE-TA 2 0 1; the leaf names only the intermediate name, no reference identifier (RFC 7672 3.2.2)|FAILED|DEFER|SECURE|CERT_NAME_MISMATCH"
  "nameconstraint|DANE-TA 2 0 1 of the root; the leaf's issuing sub-CA is name-constrained to partner.$TLD (RFC 5280 4.2.1.10)|FAILED|DEFER|SECURE|CERT_CHAIN_INVALID"
  "mxorder|MX 20 mx-a, 10 mx-b, 5 mx-a: mx-a (5, no TLSA) before mx-b (10, matching TLSA) (RFC 7672 2.2.1)|NO_DANE|OPPORTUNISTIC|SECURE|TLSA_NOT_FOUND"
  "nullmixed|a null MX next to a real MX (RFC 7505 3); Postfix treats the domain as accepting no mail|NO_MAIL|NO_MAIL|SECURE|NULL_MX_MIXED"
  "bogusaddr|secure MX; the only MX host's A RRset is bogus: the MTA defers (RFC 7672 2.1.2)|FAILED|DEFER|SECURE|DNSSEC_BOGUS"
  "bogusaddrbackup|secure MX; mx1's A RRset is bogus (skipped), mx2 matches its TLSA (RFC 7672 2.1.2)|PARTIALLY_VERIFIED|AUTHENTICATED_TLS|SECURE|DNSSEC_BOGUS"
  "eku|DANE-TA 2 0 1 of the issuing CA; the leaf's EKU is clientAuth only (RFC 5280 4.2.1.12)|FAILED|DEFER|SECURE|CERT_CHAIN_INVALID"
  "critext|DANE-TA 2 0 1 of the issuing CA; the leaf has an unknown critical extension (RFC 5280 4.2)|FAILED|DEFER|SECURE|CERT_CHAIN_INVALID"
  "badfull|the only TLSA record is 3 1 0 deadbeef, no public key: unusable (OpenSSL, Postfix)|UNAUTHENTICATED|UNAUTHENTICATED_TLS|SECURE|TLSA_ALL_UNUSABLE"
  "taleaf|DANE-TA 2 0 1 of the CA-issued leaf itself: OpenSSL never takes depth 0 as a trust anchor|FAILED|DEFER|SECURE|TLSA_NO_MATCH"
)

# The domain each scenario checks, when it is not SCENARIO.$TLD, and its CNAME-expanded form.
declare -A SCENARIO_DOMAIN=(
  [nexthopcname]=exchange.nexthopcname.$TLD
  [nexthoporig]=orig.nexthopcname.$TLD
  [nexthopmid]=mid.nexthopcname.$TLD
)
declare -A SCENARIO_EXPANDED=(
  [nexthopcname]=expanded.hoster.$TLD
  [nexthoporig]=orig.hoster.$TLD
  [nexthopmid]=mid.hoster.$TLD
)

# scenario | MX host name | preference | endpoint (the CNAME-expanded host, where its address
# lives; "-" when no address can be had) | TLSA base domain (RFC 7672 2.2.2) | HostStatus
# The bogus scenario has none: its MX RRset does not validate, so no host is known; nor has
# nullmixed: with a null MX in the RRset Postfix (dns_lookup: DNS_NULLMX) uses no host.
MX_FACTS=(
  "ee|mx.ee.$TLD|10|mx.ee.$TLD|mx.ee.$TLD|DANE_VERIFIED"
  "ta|mx.ta.$TLD|10|mx.ta.$TLD|mx.ta.$TLD|DANE_VERIFIED"
  "wrongdigest|mx.wrongdigest.$TLD|10|mx.wrongdigest.$TLD|mx.wrongdigest.$TLD|DANE_FAILED"
  "nsec3|mx.nsec3.$TLD|10|mx.nsec3.$TLD|mx.nsec3.$TLD|NO_DANE"
  "unsigned|mx.unsigned.$TLD|10|mx.unsigned.$TLD|mx.unsigned.$TLD|NO_DANE"
  "nostarttls|mx.nostarttls.$TLD|10|mx.nostarttls.$TLD|mx.nostarttls.$TLD|DANE_FAILED"
  "cname|mx.cname.$TLD|10|smtp.target.$TLD|smtp.target.$TLD|DANE_VERIFIED"
  "unusable|mx.unusable.$TLD|10|mx.unusable.$TLD|mx.unusable.$TLD|TLSA_UNUSABLE"
  "partial|mx1.partial.$TLD|10|mx1.partial.$TLD|mx1.partial.$TLD|DANE_VERIFIED"
  "partial|mx2.partial.$TLD|20|mx2.partial.$TLD|mx2.partial.$TLD|DANE_FAILED"
  "cnameunsigned|mx.cnameunsigned.$TLD|10|smtp-cu.unsigned.$TLD|mx.cnameunsigned.$TLD|DANE_VERIFIED"
  "cnameunsignedta|mx.cnameunsignedta.$TLD|10|smtp-cuta.unsigned.$TLD|mx.cnameunsignedta.$TLD|DANE_VERIFIED"
  "cnametaname|mx.cnametaname.$TLD|10|smtp-name.target.$TLD|smtp-name.target.$TLD|DANE_FAILED"
  "nexthopcname|mx1.hoster.$TLD|10|mx1.hoster.$TLD|mx1.hoster.$TLD|DANE_VERIFIED"
  "nexthoporig|mx2.hoster.$TLD|10|mx2.hoster.$TLD|mx2.hoster.$TLD|DANE_VERIFIED"
  "nexthopmid|mx3.hoster.$TLD|10|mx3.hoster.$TLD|mx3.hoster.$TLD|DANE_FAILED"
  "nameconstraint|mx.nameconstraint.$TLD|10|mx.nameconstraint.$TLD|mx.nameconstraint.$TLD|DANE_FAILED"
  "mxorder|mx-a.mxorder.$TLD|5|mx-a.mxorder.$TLD|mx-a.mxorder.$TLD|NO_DANE"
  "mxorder|mx-b.mxorder.$TLD|10|mx-b.mxorder.$TLD|mx-b.mxorder.$TLD|DANE_VERIFIED"
  "bogusaddr|mx.bogusaddr.$TLD|10|-|mx.bogusaddr.$TLD|ADDRESS_LOOKUP_FAILED"
  "bogusaddrbackup|mx1.bogusaddrbackup.$TLD|10|-|mx1.bogusaddrbackup.$TLD|ADDRESS_LOOKUP_FAILED"
  "bogusaddrbackup|mx2.bogusaddrbackup.$TLD|20|mx2.bogusaddrbackup.$TLD|mx2.bogusaddrbackup.$TLD|DANE_VERIFIED"
  "eku|mx.eku.$TLD|10|mx.eku.$TLD|mx.eku.$TLD|DANE_FAILED"
  "critext|mx.critext.$TLD|10|mx.critext.$TLD|mx.critext.$TLD|DANE_FAILED"
  "badfull|mx.badfull.$TLD|10|mx.badfull.$TLD|mx.badfull.$TLD|TLSA_UNUSABLE"
  "taleaf|mx.taleaf.$TLD|10|mx.taleaf.$TLD|mx.taleaf.$TLD|DANE_FAILED"
)

scenario_domain() { echo "${SCENARIO_DOMAIN[$1]:-$1.$TLD}"; }
scenario_expanded() { echo "${SCENARIO_EXPANDED[$1]:-$(scenario_domain "$1")}"; }

# expected_level ENDPOINT STATUS: the TlsLevel of the endpoint's session: VERIFIED when DANE
# authenticates the host; else the PKIX level with the world's root CA as the only trust (what
# `openssl verify -purpose sslserver` says, which interop/smoke checks): UNTRUSTED for the leaves
# whose path breaks a PKIX rule, TRUSTED for the others; NONE without STARTTLS.
expected_level() {
  [[ $2 == DANE_VERIFIED ]] && { echo VERIFIED; return; }
  [[ $(endpoint_field "$1" 3) == starttls ]] || { echo NONE; return; }
  case $(endpoint_field "$1" 5) in
    nc | eku | critext) echo UNTRUSTED ;;
    *) echo TRUSTED ;;
  esac
}

# tlsa_of HOST: the TLSA rdata published at _PORT._tcp.HOST, ";"-separated ("" if none).
tlsa_of() {
  cat "$ZONES"/*.zone | awk -v owner="_${SMTP_PORT}._tcp.$1." '
    $1 == owner && $4 == "TLSA" { r = $5; for (i = 6; i <= NF; i++) r = r " " $i; out = out sep r; sep = ";" }
    END { print out }'
}

write_properties() {
  local out=$1 tmp=$1.tmp row s desc verdict action dnssec problems names
  {
    echo "# dane-check interop world: real NSD, Unbound and Postfix on loopback."
    echo "# Generated by interop/world start at $(date -u +%Y-%m-%dT%H:%M:%SZ); regenerated at every start."
    echo "world.tld=$TLD"
    echo "interop.dir=$INTEROP_DIR"
    echo "resolver.address=$RESOLVER_ADDR"
    echo "resolver.port=$DNS_PORT"
    echo "authority.address=$AUTH_ADDR"
    echo "authority.port=$DNS_PORT"
    echo "trustAnchor.file=$GEN/root.ds"
    echo "trustAnchor.ds=$(tr -s ' \t' ' ' <"$GEN/root.ds" | head -1)"
    echo "rootHints.file=$GEN/root.hints"
    echo "resolvConf.file=$WORK/resolv.conf"
    echo "smtp.port=$SMTP_PORT"
    echo "pki.rootCa=$PKI/root-ca.pem"
    echo "pki.issuingCa=$PKI/issuing-ca.pem"
    names=()
    for row in "${SCENARIO_FACTS[@]}"; do names+=("${row%%|*}"); done
    echo "scenarios=$(IFS=,; echo "${names[*]}")"
    for row in "${SCENARIO_FACTS[@]}"; do
      IFS='|' read -r s desc verdict action dnssec problems <<<"$row"
      local domain expanded
      domain=$(scenario_domain "$s") expanded=$(scenario_expanded "$s")
      echo
      echo "scenario.$s.domain=$domain"
      echo "scenario.$s.expandedDomain=$expanded"
      echo "scenario.$s.description=$desc"
      echo "scenario.$s.expect.verdict=$verdict"
      echo "scenario.$s.expect.mtaAction=$action"
      echo "scenario.$s.expect.mxDnssec=$dnssec"
      echo "scenario.$s.expect.problems=$problems"
      local i=0 mrow ms name pref host base status refs
      for mrow in "${MX_FACTS[@]}"; do
        IFS='|' read -r ms name pref host base status <<<"$mrow"
        [[ $ms == "$s" ]] || continue
        local p=scenario.$s.mx.$i
        # RFC 7672 3.2.2: the TLSA base domain; with a secure MX RRset also the original and the
        # CNAME-expanded next-hop domain.
        refs=$base
        if [[ $dnssec == SECURE ]]; then
          [[ ,$refs, == *",$domain,"* ]] || refs+=",$domain"
          [[ ,$refs, == *",$expanded,"* ]] || refs+=",$expanded"
        fi
        echo "$p.name=$name"
        echo "$p.preference=$pref"
        echo "$p.tlsaBase=$base"
        echo "$p.tlsaName=_${SMTP_PORT}._tcp.$base"
        echo "$p.tlsa=$(tlsa_of "$base")"
        echo "$p.referenceNames=$refs"
        echo "$p.expect.hostStatus=$status"
        if [[ $host == - ]]; then
          echo "$p.host="
          echo "$p.address="
        else
          echo "$p.host=$host"
          echo "$p.address=$(endpoint_addr "$host")"
          echo "$p.starttls=$(endpoint_starttls "$host")"
          echo "$p.leafCert=$PKI/$host.pem"
          echo "$p.chain=$PKI/$host.chain.pem"
          echo "$p.expect.level=$(expected_level "$host" "$status")"
        fi
        i=$((i + 1))
      done
      echo "scenario.$s.mxCount=$i"
    done
  } >"$tmp"
  mv "$tmp" "$out"
}

endpoint_starttls() { [[ $(endpoint_field "$1" 3) == starttls ]] && echo true || echo false; }

# endpoint_field NAME N: the Nth column of the endpoint's row in ENDPOINTS (1 = name).
endpoint_field() {
  local row f
  for row in "${ENDPOINTS[@]}"; do
    read -r -a f <<<"$row"
    [[ ${f[0]} == "$1" ]] && { echo "${f[$2 - 1]:--}"; return 0; }
  done
  die "no endpoint $1"
}
