#!/bin/sh
# Regenerate the screenshots the docs show (docs/images/*.png): the tests that take them run in
# the suite's headless Chromium and, with GOVINFO_DOCS_IMAGES set, copy each picture there.
# Run from the repository root after the README's test set-up (.venv with the dev extras).
set -eu
export GOVINFO_DOCS_IMAGES="${GOVINFO_DOCS_IMAGES:-docs/images}"
.venv/bin/pytest -q -p no:cacheprovider -k screenshot tests/
ls -l "$GOVINFO_DOCS_IMAGES"
