# Digest: `make site` builds the sample site, `make test` runs every test.
# Both install the system libraries they need first (see scripts/install-deps.sh).

SWIFT ?= swift
BIN := .build/release/digest
# C libraries Digest links (cmark-gfm and its extensions, libxml2, ICU), the tool that finds
# them, and KaTeX, which the build copies into sites that have math.
BUILD_PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libicu-dev libjs-katex fonts-katex

.PHONY: all deps build site test check verify verify-tools screenshots bench fuzz clean

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

# Checks the built sample site with vnu, feedparser, xmllint, linkchecker, Chromium and
# axe-core (see scripts/verify.py), then tests its search and the reader's features in
# Chromium (scripts/browser_search.py, scripts/browser_reader.py); installs those tools
# first when missing.
VENV := .build/verify-venv
VERIFY := PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/python scripts/verify.py --digest $(BIN)

verify-tools:
	@scripts/install-verify-tools.sh

verify: build verify-tools
	$(VERIFY)
	$(VENV)/bin/python scripts/browser_search.py --digest $(BIN)
	$(VENV)/bin/python scripts/browser_reader.py --digest $(BIN)

# Saves screenshots of the home and a paper page (1280 and 390 px, light and dark), of the
# reading list, and of the home page in Simplified Chinese (with a CJK font installed for
# it) into docs/screenshots/.
screenshots: build verify-tools
	@scripts/install-deps.sh fonts-wqy-microhei
	$(VERIFY) --no-self-test --screenshots docs/screenshots
	$(VENV)/bin/python scripts/language_screenshot.py --digest $(BIN) --language zh-CN docs/screenshots

# Times release builds at 420, 10,000, 54,750 and 200,000 papers against Debian's cmark-gfm
# on the same Markdown (and Hugo on an equivalent site at 10,000 and 54,750), full and
# incremental, and what three searches fetch in Chromium (see docs/performance.md and
# docs/search.md); BENCH_ARGS="--sizes 420 --runs 3" for a quick look. Results go to
# bench/results/.
BENCH_ARGS ?=

bench: build verify-tools
	@scripts/install-deps.sh cmark-gfm hugo python3
	$(VENV)/bin/python bench/run.py $(BENCH_ARGS)

# Fuzzes the record decoder and the Markdown/anchor/slug pipeline with libFuzzer for
# FUZZ_SECONDS per target (see docs/security.md).
FUZZ_SECONDS ?= 300
FUZZ_BUILD := DIGEST_FUZZ=1 $(SWIFT) build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address

fuzz: deps
	$(FUZZ_BUILD) --product digest-fuzz-records
	$(FUZZ_BUILD) --product digest-fuzz-markdown
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build .build-fuzz Site .Site.cache bench/work
