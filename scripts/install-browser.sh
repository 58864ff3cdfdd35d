#!/bin/sh
# Install Debian's Chromium (for the review page's browser tests) and a Chinese font (so that
# screenshots show characters, not boxes), each only when it is missing. Idempotent and quiet.
# Needs root for apt-get; never downloads a browser build of its own (no `playwright install`).
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="chromium"
dpkg-query -W -f='${Status}' fonts-wqy-zenhei 2>/dev/null | grep -q "ok installed" \
    || missing="$missing fonts-wqy-zenhei"
[ -n "$missing" ] || exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086  # the package names are meant to split
apt-get install -y -qq --no-install-recommends $missing >/dev/null
[ -x /usr/bin/chromium ] || { echo "install-browser.sh: /usr/bin/chromium still missing" >&2; exit 1; }
