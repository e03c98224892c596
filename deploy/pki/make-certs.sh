#!/usr/bin/env bash
# Certificates for the cluster port's mTLS (control plane <-> data planes), with openssl.
#
#   make-certs.sh [--dir DIR] [--days N] ca
#       the cluster CA: DIR/ca.crt (give it to every process) and DIR/ca.key (keep it offline)
#   make-certs.sh [--dir DIR] [--days N] server NAME [NAME...]
#       the control plane's server certificate, DIR/control-plane.crt and .key, for every name the
#       nodes dial (DNS names or IP addresses; the first is also the common name)
#   make-certs.sh [--dir DIR] [--days N] node NODE_ID [NODE_ID...]
#       one client certificate per node, DIR/nodes/NODE_ID.crt and .key: the node id is the
#       certificate's DNS name and (when at most 64 characters) its common name, as the control
#       plane requires (ControlPlane/Sync/NodeIdentity: CN or a DNS name must equal the node id)
#
# DIR defaults to ./pki. Keys are ECDSA P-256 in PKCS#8 PEM, mode 0600. Nothing existing is
# overwritten: delete a file first to issue it again.
set -euo pipefail

DIR="./pki"
DAYS=825
CA_DAYS=3650
# Node ids as the control plane accepts them (NodeIdentity.IsWellFormed).
NODE_ID_PATTERN='^[A-Za-z0-9._:-]{1,128}$'
DNS_NAME_PATTERN='^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$'
IPV4_PATTERN='^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$'

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
}

die() {
  printf 'make-certs.sh: %s\n' "$*" >&2
  exit 2
}

require_openssl() {
  command -v openssl >/dev/null 2>&1 || die "openssl is required (Debian: apt-get install openssl)"
}

refuse_existing() { # files...
  local f
  for f in "$@"; do
    [ -e "$f" ] && die "$f already exists; delete it first to issue it again (nothing was changed)"
  done
  return 0
}

require_ca() {
  [ -f "$DIR/ca.crt" ] && [ -f "$DIR/ca.key" ] || die "no CA in $DIR (ca.crt and ca.key): run '$0 --dir $DIR ca' first"
}

new_key() { # path
  ( umask 077; openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null ) \
    || die "openssl could not create a key at $1"
}

# sign KEY CERT SUBJECT DAYS EXTENSIONS: a certificate for KEY signed by the CA, with these v3 extensions.
sign() {
  local key="$1" cert="$2" subject="$3" days="$4" extensions="$5" csr extfile
  csr="$(mktemp)"; extfile="$(mktemp)"
  printf '%s\n' "$extensions" > "$extfile"
  if ! openssl req -new -key "$key" -subj "$subject" -out "$csr" 2>"$csr.err" \
     || ! openssl x509 -req -in "$csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial -CAserial "$DIR/ca.srl" \
          -sha256 -days "$days" -extfile "$extfile" -out "$cert" 2>>"$csr.err"; then
    cat "$csr.err" >&2
    rm -f "$csr" "$csr.err" "$extfile" "$key" "$cert"
    die "openssl could not issue $cert"
  fi
  rm -f "$csr" "$csr.err" "$extfile"
  chmod 0644 "$cert"
}

is_ipv4() {
  [[ "$1" =~ $IPV4_PATTERN ]] || return 1
  local part
  for part in "${BASH_REMATCH[@]:1}"; do [ "$part" -le 255 ] || return 1; done
}

is_ipv6() { [[ "$1" == *:* && "$1" =~ ^[0-9A-Fa-f:.]+$ ]]; }

cmd_ca() {
  [ "$#" -eq 0 ] || die "'ca' takes no arguments, got: $*"
  mkdir -p "$DIR"
  refuse_existing "$DIR/ca.crt" "$DIR/ca.key"
  new_key "$DIR/ca.key"
  openssl req -x509 -new -key "$DIR/ca.key" -sha256 -days "$CA_DAYS" -subj "/O=HybridGateway/CN=HybridGateway cluster CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" -out "$DIR/ca.crt" 2>/dev/null \
    || { rm -f "$DIR/ca.key" "$DIR/ca.crt"; die "openssl could not create the CA"; }
  chmod 0644 "$DIR/ca.crt"
  echo "created $DIR/ca.crt and $DIR/ca.key (keep ca.key offline: whoever holds it can mint node identities)"
}

cmd_server() {
  [ "$#" -gt 0 ] || die "'server' needs at least one name the nodes dial, e.g. hgw-control-plane.hybridgateway.svc"
  require_ca
  local name sans=() seen=" "
  for name in "$@"; do
    case "$seen" in *" $name "*) die "server name '$name' is given twice" ;; esac
    seen="$seen$name "
    if is_ipv4 "$name" || is_ipv6 "$name"; then
      sans+=("IP:$name")
    elif [[ "$name" =~ ^[0-9.]+$ ]]; then
      die "server name '$name' is neither a DNS name nor an IP address (each part of an IPv4 address is 0 to 255)"
    elif [ "${#name}" -le 253 ] && [[ "$name" =~ $DNS_NAME_PATTERN ]]; then
      sans+=("DNS:$name")
    else
      die "server name '$name' is neither a DNS name (letters, digits, '-', dot-separated labels) nor an IP address"
    fi
  done
  local common="$1"
  [ "${#common}" -le 64 ] || common="HybridGateway control plane"
  refuse_existing "$DIR/control-plane.crt" "$DIR/control-plane.key"
  new_key "$DIR/control-plane.key"
  sign "$DIR/control-plane.key" "$DIR/control-plane.crt" "/O=HybridGateway/CN=$common" "$DAYS" \
    "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$(IFS=,; echo "${sans[*]}")"
  echo "created $DIR/control-plane.crt and .key for: $*"
}

cmd_node() {
  [ "$#" -gt 0 ] || die "'node' needs at least one node id, e.g. dp-eu-west-0"
  require_ca
  local id seen=" "
  for id in "$@"; do
    [[ "$id" =~ $NODE_ID_PATTERN ]] || die "node id '$id' is not 1 to 128 of A-Z a-z 0-9 . _ : - (the control plane would refuse it)"
    case "$seen" in *" $id "*) die "node id '$id' is given twice" ;; esac
    seen="$seen$id "
    refuse_existing "$DIR/nodes/$id.crt" "$DIR/nodes/$id.key"
  done
  mkdir -p "$DIR/nodes"
  for id in "$@"; do
    # The common name is limited to 64 characters; a longer id is carried by the DNS name alone.
    local subject="/O=HybridGateway/OU=data plane"
    [ "${#id}" -le 64 ] && subject="$subject/CN=$id"
    new_key "$DIR/nodes/$id.key"
    sign "$DIR/nodes/$id.key" "$DIR/nodes/$id.crt" "$subject" "$DAYS" \
      "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth
subjectAltName=DNS:$id"
    echo "created $DIR/nodes/$id.crt and .key"
  done
}

main() {
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --dir) [ "$#" -ge 2 ] && [ -n "$2" ] || die "--dir needs a folder"; DIR="$2"; shift 2 ;;
      --days)
        [ "$#" -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]{0,4}$ ]] || die "--days needs a whole number of days from 1 to 99999, got '${2:-}'"
        DAYS="$2"; shift 2 ;;
      -h|--help) usage; exit 0 ;;
      --*) die "unknown option '$1' (see --help)" ;;
      *) break ;;
    esac
  done
  [ "$#" -gt 0 ] || { usage; die "a command is required: ca, server or node"; }
  local command="$1"
  shift
  require_openssl
  case "$command" in
    ca) cmd_ca "$@" ;;
    server) cmd_server "$@" ;;
    node) cmd_node "$@" ;;
    *) die "unknown command '$command': use ca, server or node (see --help)" ;;
  esac
}

main "$@"
