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

  # A key no server uses: the "retired key" whose digest wrong TLSA records publish.
  pki_key "$p/retired.key" ec

  local row name type usage
  for row in "${ENDPOINTS[@]}"; do
    read -r name _ _ type <<<"$row"
    pki_key "$p/$name.key" "$type"
    usage=digitalSignature
    [[ $type == rsa ]] && usage=digitalSignature,keyEncipherment
    openssl req -new -key "$p/$name.key" -subj "/CN=$name" -out "$p/$name.csr"
    openssl x509 -req -in "$p/$name.csr" -CA "$p/issuing-ca.pem" -CAkey "$p/issuing-ca.key" \
      -set_serial "$(pki_serial)" -days 30 -out "$p/$name.pem" -extfile <(printf '%s\n' \
        "basicConstraints=critical,CA:FALSE" "keyUsage=critical,$usage" \
        "extendedKeyUsage=serverAuth" "subjectAltName=DNS:$name" \
        "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid") 2>/dev/null
    # What the server sends: leaf + issuing CA (DANE-TA(2) needs the TA in the chain, RFC 7671 5.2.2).
    cat "$p/$name.pem" "$p/issuing-ca.pem" >"$p/$name.chain.pem"
    # Postfix smtpd_tls_chain_files: key first, then the chain.
    cat "$p/$name.key" "$p/$name.chain.pem" >"$p/$name.keychain.pem"
    rm -f "$p/$name.csr"
  done
  rm -f "$p/issuing-ca.csr"
  chmod 600 "$p"/*.key "$p"/*.keychain.pem
}

# TLSA association data (lower-case hex).
sha256_hex() { openssl dgst -sha256 -r | cut -d' ' -f1; }
spki_sha256_of_cert() { openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | sha256_hex; }
spki_sha256_of_key() { openssl pkey -in "$1" -pubout -outform DER | sha256_hex; }
cert_sha256() { openssl x509 -in "$1" -outform DER | sha256_hex; }
