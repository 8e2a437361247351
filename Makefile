# Digest: `make site` builds the sample site, `make test` runs every test.
# Both install the system libraries they need first (see scripts/install-deps.sh).

SWIFT ?= swift
BIN := .build/release/digest
# C libraries Digest links (cmark-gfm and its extensions, libxml2) and the tool that finds them.
BUILD_PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev

.PHONY: all deps build site test check clean

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

clean:
	rm -rf .build Site
