#!/bin/sh
# Make sure Debian's Chromium is on this machine for the console's browser tests (Playwright drives it
# through executable_path; `playwright install` is not used). The tests start and stop it themselves.
set -eu
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then
        echo "Chromium: $candidate"
        exit 0
    fi
done
echo "Chromium not found: installing Debian's chromium package"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "Chromium: $(command -v chromium)"
