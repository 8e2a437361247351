# Digest: `make site` builds the sample site, `make test` runs every test.
# Both install the system libraries they need first (see scripts/install-deps.sh).

SWIFT ?= swift
BIN := .build/release/digest
# C libraries Digest links (cmark-gfm and its extensions, libxml2) and the tool that finds them.
BUILD_PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev

.PHONY: all deps build site test check verify verify-tools screenshots clean

all: site

deps:
	@scripts/install-deps.sh $(BUILD_PACKAGES)

build: deps
	$(SWIFT) build -c release --product digest

site: build
	$(BIN) build

check: build
	$(BIN) check

test: deps
	$(SWIFT) test

# Checks the built sample site with vnu, feedparser, xmllint, linkchecker and Chromium
# (see scripts/verify.py); installs those tools first when missing.
VENV := .build/verify-venv
VERIFY := PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/python scripts/verify.py --digest $(BIN)

verify-tools:
	@scripts/install-verify-tools.sh

verify: build verify-tools
	$(VERIFY)

# Saves screenshots of the home and a paper page (1280 and 390 px, light and dark) into docs/screenshots/.
screenshots: build verify-tools
	$(VERIFY) --no-self-test --screenshots docs/screenshots

clean:
	rm -rf .build Site
