#!/bin/sh
# Install LibreOffice headless (Debian's libreoffice-writer-nogui), which the office plugin
# (plugins/govinfo-report-office) runs to convert .doc, .wps, .rtf and .odt reports, only when
# `soffice` is missing. Idempotent and quiet; needs root for apt-get. Converting draws nothing,
# so it needs no font (the Chinese font of the screenshots comes from install-browser.sh).
set -eu
command -v soffice >/dev/null 2>&1 && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null
command -v soffice >/dev/null 2>&1 || {
    echo "install-office.sh: soffice still missing after installing libreoffice-writer-nogui" >&2
    exit 1
}
