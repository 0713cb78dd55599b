# Certificates of the world: root CA -> issuing (intermediate) CA -> one leaf per MX host.
# Sourced. Writes $GEN/pki.

PKI=$GEN/pki

pki_key() { # pki_key FILE rsa|ec
  if [[ $2 == rsa ]]; then
    openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"
  else
    openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"
  fi
}

pki_serial() { echo "0x$(openssl rand -hex 12)"; }

pki_generate() {
  mkdir -p "$PKI"
  local p=$PKI
  pki_key "$p/root-ca.key" ec
  openssl req -x509 -new -key "$p/root-ca.key" -out "$p/root-ca.pem" -days 60 \
    -subj "/O=dane-check interop world/CN=Interop Root CA" -set_serial "$(pki_serial)" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    2>/dev/null

  pki_key "$p/issuing-ca.key" ec
  openssl req -new -key "$p/issuing-ca.key" -subj "/O=dane-check interop world/CN=Interop Issuing CA" \
    -out "$p/issuing-ca.csr"
  openssl x509 -req -in "$p/issuing-ca.csr" -CA "$p/root-ca.pem" -CAkey "$p/root-ca.key" \
    -set_serial "$(pki_serial)" -days 60 -out "$p/issuing-ca.pem" -extfile <(printf '%s\n' \
      "basicConstraints=critical,CA:TRUE,pathlen:0" "keyUsage=critical,keyCertSign,cRLSign" \
      "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid") 2>/dev/null

  # A sub-CA of the root whose name constraints permit only partner.$TLD: a DANE-TA(2) record for
  # the root must not authenticate a leaf it issues for another name (RFC 5280 4.2.1.10, 6.1).
  pki_key "$p/partner-ca.key" ec
  openssl req -new -key "$p/partner-ca.key" -subj "/O=dane-check interop world/CN=Interop Partner CA" \
    -out "$p/partner-ca.csr"
  openssl x509 -req -in "$p/partner-ca.csr" -CA "$p/root-ca.pem" -CAkey "$p/root-ca.key" \
    -set_serial "$(pki_serial)" -days 60 -out "$p/partner-ca.pem" -extfile <(printf '%s\n' \
      "basicConstraints=critical,CA:TRUE,pathlen:0" "keyUsage=critical,keyCertSign,cRLSign" \
      "nameConstraints=critical,permitted;DNS:partner.$TLD" \
      "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid") 2>/dev/null

  # A key no server uses: the "retired key" whose digest wrong TLSA records publish.
  pki_key "$p/retired.key" ec

  local row name type profile
  for row in "${ENDPOINTS[@]}"; do
    read -r name _ _ type profile <<<"$row"
    pki_leaf "$name" "$type" "${profile:--}"
  done
  # Not served: a leaf the partner CA may issue, the control for the name-constraint scenario.
  pki_leaf "mx.partner.$TLD" ec nc
  rm -f "$p/issuing-ca.csr" "$p/partner-ca.csr"
  chmod 600 "$p"/*.key "$p"/*.keychain.pem
}

# pki_leaf NAME rsa|ec PROFILE: NAME.key, NAME.pem, NAME.chain.pem (what the server sends) and
# NAME.keychain.pem (Postfix smtpd_tls_chain_files: key first, then the chain). PROFILE as in
# env.sh's ENDPOINTS.
pki_leaf() {
  local p=$PKI name=$1 type=$2 profile=$3
  local usage=digitalSignature eku=serverAuth sans=$name ca=issuing-ca extra=()
  [[ $type == rsa ]] && usage=digitalSignature,keyEncipherment
  case $profile in
    -) ;;
    san=*) sans=${profile#san=} ;;
    nc) ca=partner-ca ;;
    eku) eku=clientAuth ;;
    critext) extra=("1.3.6.1.4.1.55555.1.1=critical,ASN1:NULL") ;; # an extension nobody knows
    *) die "unknown certificate profile $profile for $name" ;;
  esac
  local san_ext="" n
  for n in ${sans//,/ }; do san_ext+="${san_ext:+,}DNS:$n"; done
  pki_key "$p/$name.key" "$type"
  openssl req -new -key "$p/$name.key" -subj "/CN=${sans%%,*}" -out "$p/$name.csr"
  openssl x509 -req -in "$p/$name.csr" -CA "$p/$ca.pem" -CAkey "$p/$ca.key" \
    -set_serial "$(pki_serial)" -days 30 -out "$p/$name.pem" -extfile <(printf '%s\n' \
      "basicConstraints=critical,CA:FALSE" "keyUsage=critical,$usage" \
      "extendedKeyUsage=$eku" "subjectAltName=$san_ext" \
      "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" "${extra[@]}") 2>/dev/null
  # What the server sends: leaf + its CA (DANE-TA(2) needs the TA in the chain, RFC 7671 5.2.2);
  # the partner CA's chain also carries the root, the TA of the name-constraint scenario.
  if [[ $ca == partner-ca ]]; then
    cat "$p/$name.pem" "$p/partner-ca.pem" "$p/root-ca.pem" >"$p/$name.chain.pem"
  else
    cat "$p/$name.pem" "$p/issuing-ca.pem" >"$p/$name.chain.pem"
  fi
  cat "$p/$name.key" "$p/$name.chain.pem" >"$p/$name.keychain.pem"
  rm -f "$p/$name.csr"
}

# TLSA association data (lower-case hex).
sha256_hex() { openssl dgst -sha256 -r | cut -d' ' -f1; }
spki_sha256_of_cert() { openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | sha256_hex; }
spki_sha256_of_key() { openssl pkey -in "$1" -pubout -outform DER | sha256_hex; }
cert_sha256() { openssl x509 -in "$1" -outform DER | sha256_hex; }
