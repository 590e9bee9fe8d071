#!/bin/sh
# Make sure PostgreSQL server binaries (initdb, pg_ctl) are on this machine for the multi-worker
# and capacity tests. The tests start a throwaway server on 127.0.0.1 themselves and stop it after.
set -eu
for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
        echo "PostgreSQL server binaries: $dir"
        exit 0
    fi
done
if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    echo "PostgreSQL server binaries: $(dirname "$(command -v initdb)")"
    exit 0
fi
echo "PostgreSQL server binaries not found: installing Debian's postgresql package"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
