#!/bin/sh
# Runs a saml-harness test directory in any image that has OpenLDAP (slapd and ldap-utils): the harness's
# own generated slapd.conf, the one its native runtime uses, with this image's schema and module folders
# filled in; slapd on the port given; then the entries loaded online, as a real directory checks them.
# The harness (harness/ldap/container/) and docker-compose.yml run it the same way:
#
#   sh start-directory.sh <input folder> <port>
#
# The input folder holds slapd.conf.in, bind-dn, bind-password and entries.ldif. Once the entries are in,
# it creates <work>/ready and prints "saml-harness directory ready"; slapd's own log (-d stats) follows.
set -eu
input=$1
port=$2
work=/tmp/saml-harness-ldap

fail() {
  echo "saml-harness directory failed: $*" >&2
  exit 1
}

# Debian and most images put slapd in sbin; Bitnami's under /opt/bitnami/openldap.
PATH="$PATH:/usr/sbin:/usr/local/sbin:/usr/libexec:/usr/local/libexec:/opt/bitnami/openldap/sbin:/opt/bitnami/openldap/bin"
tool() { command -v "$1" 2>/dev/null || fail "this image has no $1 (OpenLDAP's $2)"; }
slapd=$(tool slapd server)
ldapadd=$(tool ldapadd clients)
ldapwhoami=$(tool ldapwhoami clients)
ldapdelete=$(tool ldapdelete clients)
prefix=$(dirname "$(dirname "$slapd")")

# The first of the folders given that holds one of the files given before the --.
first_holding() {
  files=
  while [ "$1" != -- ]; do files="$files $1"; shift; done
  shift
  for dir in "$@"; do
    for file in $files; do
      if [ -e "$dir/$file" ]; then echo "$dir"; return 0; fi
    done
  done
  return 1
}
schema=$(first_holding core.schema -- /etc/ldap/schema /etc/openldap/schema /usr/local/etc/openldap/schema \
  "$prefix/etc/openldap/schema" "$prefix/etc/schema") || fail "no core.schema in the usual places next to $slapd"
# back_mdb is a module on Debian and Red Hat, built into slapd elsewhere (Bitnami).
modules=$(first_holding back_mdb.so back_mdb.la -- /usr/lib/ldap /usr/lib64/openldap /usr/lib/openldap \
  /usr/local/libexec/openldap "$prefix/libexec/openldap" "$prefix/lib/openldap") || modules=

rm -rf "$work"
mkdir -p "$work/data" "$work/bin"
ln -s "$ldapadd" "$work/bin/ldapadd"
ln -s "$ldapdelete" "$work/bin/ldapdelete"
sed -e "s|@SCHEMA_DIR@|$schema|g" -e "s|@MODULE_DIR@|$modules|g" -e "s|@WORK@|$work|g" "$input/slapd.conf.in" >"$work/slapd.conf"
if [ -z "$modules" ]; then
  sed -i -e '/^modulepath /d' -e '/^moduleload /d' "$work/slapd.conf"
fi

"$slapd" -f "$work/slapd.conf" -h "ldap://0.0.0.0:$port/" -d stats &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT

url="ldap://127.0.0.1:$port"
export LDAPNOINIT=1
until "$ldapwhoami" -x -H "$url" >/dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" || true
    fail "slapd exited while starting (its log is above)"
  fi
  sleep 0.05
done
if ! "$ldapadd" -x -H "$url" -D "$(cat "$input/bind-dn")" -y "$input/bind-password" -f "$input/entries.ldif" >/dev/null; then
  kill -TERM "$pid"
  fail "the entries could not be loaded"
fi
touch "$work/ready"
echo "saml-harness directory ready on port $port"

status=0
wait "$pid" || status=$?
# A trapped TERM interrupts the first wait; wait again while slapd finishes.
if kill -0 "$pid" 2>/dev/null; then wait "$pid" || status=$?; fi
exit "$status"
