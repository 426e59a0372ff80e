# Dossier's two entry points: `make run` and `make test`. Each installs what it needs
# (Debian/Ubuntu packages, the UI's npm packages, tauri-driver) before doing its work.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Release-like builds embed ui/dist; a plain cargo build would load Vite's dev server.
FEATURES := --features custom-protocol
APP := $(CARGO_TARGET_DIR)/debug/dossier
TEST_OUTPUT ?= $(CURDIR)/test-output

# OCR at run time: Tesseract with English, Spanish, Portuguese, Arabic and Persian data, and
# poppler's pdftoppm to render scanned PDF pages.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-por tesseract-ocr-ara tesseract-ocr-fas poppler-utils
BUILD_PACKAGES := libwebkit2gtk-4.1-dev build-essential pkg-config file libssl-dev librsvg2-dev libicu-dev $(OCR_PACKAGES)
TEST_PACKAGES := openssl xvfb xauth xdotool webkit2gtk-driver python3-gi gir1.2-gtk-3.0 imagemagick pango1.0-tools pandoc desktop-file-utils libglib2.0-bin rpm postgresql

.PHONY: bench-real dist install-test icons fuzz fuzz-deps run test deps test-deps python-deps python-deps-networkx ui ui-deps app rust-test ui-test e2e bindings tauri-driver eval eval-extract eval-held-out bench bench-graph clean

run: deps ui
	cargo run $(FEATURES) --

test: deps test-deps ui rust-test ui-test e2e fuzz install-test

# System packages, installed only when missing (with sudo when not root).
deps:
	@missing=$$(for p in $(BUILD_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

test-deps: tauri-driver python-deps python-deps-networkx
	@missing=$$(for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

# Fuzzing (cargo-fuzz, libFuzzer, nightly): every parser on arbitrary input, seeded with
# our fixtures. `make test` runs a fixed number of inputs from a fixed seed, so CI walks
# the same inputs each time and a red run is always one we can replay; FUZZ_SECONDS=600
# FUZZ_SEED=0 make fuzz explores for a while instead. A crash prints its input's path
# under fuzz/artifacts/ and fails the run.
FUZZ_RUNS ?= 4000
FUZZ_SECONDS ?=
FUZZ_SEED ?= 1
# name:factor:seeds — fast readers (a PDF, an e-mail in well under a millisecond) walk
# `factor` times FUZZ_RUNS inputs in about the time the slow ones walk FUZZ_RUNS.
FUZZ_TARGETS := import_html:1:../tests/fixtures/html import_pdf:10:../tests/fixtures/formats \
  import_docx:1:../tests/fixtures/formats import_epub:5:../tests/fixtures/formats \
  import_eml:20:../tests/fixtures/articles import_mhtml:20:../tests/fixtures/articles \
  edtf:5:../tests/fixtures/extract quotes:5:../tests/fixtures/extract extract:1:../tests/fixtures/extract
fuzz-deps:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
fuzz: fuzz-deps
	@cd fuzz && total=0; for entry in $(FUZZ_TARGETS); do \
	  name=$${entry%%:*}; rest=$${entry#*:}; factor=$${rest%%:*}; seeds=$${rest#*:}; mkdir -p corpus/$$name; \
	  budget="-runs=$$(($(FUZZ_RUNS) * factor))"; [ -z "$(FUZZ_SECONDS)" ] || budget="-max_total_time=$(FUZZ_SECONDS)"; \
	  if ! cargo +nightly fuzz run -O $$name corpus/$$name $$seeds -- -seed=$(FUZZ_SEED) $$budget \
	      -rss_limit_mb=2048 -timeout=30 > corpus/$$name.log 2>&1; then \
	    tail -40 corpus/$$name.log; echo "fuzz: $$name failed (input under fuzz/artifacts/$$name/)"; exit 1; fi; \
	  runs=$$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' corpus/$$name.log); total=$$((total + runs)); \
	  echo "fuzz: $$name $$runs runs, no crash"; \
	done; echo "fuzz: $$total runs in all"

# The real consumers the export tests open files with (networkx reads GEXF and GraphML;
# pandoc, a Debian package above, reads CSL-JSON and BibTeX; the followthemoney library,
# in its own virtual environment kept with the build cache, validates FtM entities).
FTM_VENV := $(HOME)/.cache/dossier/ftm-venv
export DOSSIER_FTM_PYTHON := $(FTM_VENV)/bin/python
python-deps: $(FTM_VENV)/.installed
$(FTM_VENV)/.installed:
	@command -v python3 >/dev/null
	python3 -m venv $(FTM_VENV) || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv && python3 -m venv $(FTM_VENV); }
	$(FTM_VENV)/bin/pip install --quiet --disable-pip-version-check followthemoney==4.11.2
	touch $@
python-deps-networkx:
	@python3 -c "import networkx" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check networkx \
	  || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-networkx; }

ui/node_modules/.package-lock.json: ui/package-lock.json
	npm ci --prefix ui --no-audit --no-fund

ui-deps: ui/node_modules/.package-lock.json

ui: ui-deps
	npm --prefix ui run build

app: ui
	cargo build $(FEATURES)

rust-test: ui
	cargo test --workspace $(FEATURES)

ui-test: ui-deps
	npm --prefix ui run check
	npm --prefix ui test

# The real app under Xvfb, driven by WebDriver (tauri-driver + WebKitWebDriver).
e2e: app
	DOSSIER_APP=$(APP) DOSSIER_TEST_OUTPUT=$(TEST_OUTPUT) \
	  xvfb-run -a --server-args="-screen 0 1280x800x24" node --test --test-concurrency=1 tests/e2e/

# Import figures on the shared corpus beside the project (release build; nothing asserted).
CORPUS := $(CURDIR)/../shared/corpus/readability-test-pages
eval:
	cargo run --release -q -p dossier-cli -- eval-import $(CORPUS) --show-below 0.98
	cargo run --release -q -p dossier-cli -- eval-extract $(CURDIR)/../shared/seed/gold.json $(CURDIR)/../shared/seed/article.txt --misses

# Extraction against hand-made gold (tests/fixtures/gold-real, extract-dev: see their
# READMEs). `make eval-extract` measures the tuning halves and the seed, the sets to
# work on; `make eval-held-out` the held-out halves and ../shared's gold, to be run
# only at the end of a round, before changing anything for what they show.
EVAL_EXTRACT := cargo run --release -q -p dossier-cli -- eval-extract --pages $(CURDIR)/../shared/corpus/readability-test-pages --summary
eval-extract:
	@for set in extract extract-dev/tuning gold-real/tuning; do echo "#### tests/fixtures/$$set"; $(EVAL_EXTRACT) tests/fixtures/$$set; done
	@echo "#### seed"; cargo run --release -q -p dossier-cli -- eval-extract $(CURDIR)/../shared/seed/gold.json $(CURDIR)/../shared/seed/article.txt
eval-held-out:
	@for set in tests/fixtures/extract-dev/held-out tests/fixtures/gold-real/held-out ../shared/corpus/gold/annotations; do echo "#### $$set"; $(EVAL_EXTRACT) $$set; done

# `make bench`: every figure of the scale issue, then one table of them (tests/bench/table.py).
# Release builds; the UI figures use the size-tuned `dist` build, as installed. Each
# benchmark's output is kept in test-output/bench/. Nothing is asserted.
BENCH_OUT := $(TEST_OUTPUT)/bench
CLI_RELEASE := $(CARGO_TARGET_DIR)/release/dossier-cli
BENCH_APP := $(CARGO_TARGET_DIR)/dist/dossier
SEED_ARTICLE := $(wildcard $(CURDIR)/../shared/seed/article.txt)
bench: ui tauri-driver test-deps
	cargo build --release -q -p dossier-cli
	cargo build --profile dist -q $(FEATURES)
	rm -rf $(BENCH_OUT) && mkdir -p $(BENCH_OUT)
	$(CLI_RELEASE) dev gen-corpus --sources 10000 --seed 1 --out $(BENCH_OUT)/corpus
	$(CLI_RELEASE) bench-import $(BENCH_OUT)/corpus --copies 1 | tee $(BENCH_OUT)/import.txt
	rm -rf $(BENCH_OUT)/corpus
	mkdir -p $(BENCH_OUT)/scans
	for f in tests/fixtures/articles/*.txt tests/fixtures/extract/*.txt; do \
	  python3 -c 'import sys; print(open(sys.argv[1], encoding="utf-8").read()[:2400])' $$f > $(BENCH_OUT)/page.txt; \
	  pango-view --font="DejaVu Serif 11" --dpi=300 --margin=120 --width=460 --wrap=word -q \
	    --output=$(BENCH_OUT)/scans/$$(basename $$f .txt).png $(BENCH_OUT)/page.txt; \
	done
	$(CLI_RELEASE) bench-import $(BENCH_OUT)/scans | tee $(BENCH_OUT)/ocr.txt
	rm -rf $(BENCH_OUT)/scans $(BENCH_OUT)/page.txt
	$(CLI_RELEASE) bench-extract $(SEED_ARTICLE) tests/fixtures/extract/*.txt tests/fixtures/pages/*.html --rounds 300 | tee $(BENCH_OUT)/extract.txt
	$(CLI_RELEASE) bench-scale --sources 100000 --actors 5000 --claims 50000 | tee $(BENCH_OUT)/scale.txt
	$(CLI_RELEASE) bench-export --actors 10000 --claims 100000 | tee $(BENCH_OUT)/export.txt
	cargo test --release -q -p dossier-sync --test bench -- --ignored --nocapture | grep -v '^$$' | tee $(BENCH_OUT)/sync.txt
	DOSSIER_APP=$(BENCH_APP) xvfb-run -a --server-args="-screen 0 1280x800x24" node tests/bench/library.mjs | tee $(BENCH_OUT)/library.txt
	DOSSIER_APP=$(BENCH_APP) xvfb-run -a --server-args="-screen 0 1280x800x24" node tests/bench/graph.mjs | tee $(BENCH_OUT)/graph.txt
	python3 tests/bench/table.py $(BENCH_OUT) | tee $(BENCH_OUT)/table.md

# Import figures on the real pages of ../shared (the earlier `make bench` import line).
bench-real: 
	cargo run --release -q -p dossier-cli -- bench-import $(CORPUS) $(CURDIR)/../shared/seed tests/fixtures --copies 8

# The graph view at 5,000 actors / 20,000 claims, measured inside the real webview.
bench-graph: app tauri-driver
	DOSSIER_APP=$(APP) xvfb-run -a --server-args="-screen 0 1280x800x24" node tests/bench/graph.mjs

# The packages: a .deb and an .rpm built with the size-tuned `dist` profile (Cargo.toml),
# under $(CARGO_TARGET_DIR)/dist/bundle/. No AppImage here: Tauri's AppImage bundler
# downloads its tools while it builds, which fails offline; where a network is
# available, `ui/node_modules/.bin/tauri build --bundles appimage -- --profile dist`.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
BUNDLE := $(CARGO_TARGET_DIR)/dist/bundle
DEB := $(BUNDLE)/deb/Dossier_$(VERSION)_amd64.deb
RPM := $(BUNDLE)/rpm/Dossier-$(VERSION)-1.x86_64.rpm
dist: deps ui-deps
	ui/node_modules/.bin/tauri build --ci --bundles deb,rpm -- --profile dist
	@ls -l $(DEB) $(RPM)

# The previous release, which the install test upgrades from: 0.1.0 is main at f54d35b
# (schema v3). Its package is built once from that commit and kept with the build cache.
PREVIOUS_VERSION := 0.1.0
PREVIOUS_COMMIT := f54d35b978471921ec8a64808d405ed2ff2e7e9c
PREVIOUS_DEB := $(HOME)/.cache/dossier/packages/Dossier_$(PREVIOUS_VERSION)_$(PREVIOUS_COMMIT).deb
$(PREVIOUS_DEB): | deps ui-deps
	tests/install/build-previous.sh $(PREVIOUS_COMMIT) $@

# Installs the .deb with apt (through sudo when not root), starts the installed program
# under Xvfb, removes it; then upgrades from the previous release's package with a store
# that release made. Prints the packages' sizes, start time and idle memory.
install-test: $(PREVIOUS_DEB) dist test-deps
	DOSSIER_DEB=$(DEB) DOSSIER_RPM=$(RPM) DOSSIER_VERSION=$(VERSION) DOSSIER_PREVIOUS_DEB=$(PREVIOUS_DEB) \
	  DOSSIER_PREVIOUS_VERSION=$(PREVIOUS_VERSION) DOSSIER_TEST_OUTPUT=$(TEST_OUTPUT) \
	  xvfb-run -a --server-args="-screen 0 1280x800x24" node --test --test-concurrency=1 tests/install/

# Renders icons/icon.svg to every size the packages install under the hicolor theme, and
# icon.png (512 px, the window's icon). Committed; run after editing the SVG.
icons: ui-deps
	ui/node_modules/.bin/tauri icon icons/icon.svg --output icons --png 32,48,64,128,256,512
	mv icons/512x512.png icons/icon.png

# Regenerate ui/src/bindings.ts from the Rust types.
bindings: ui
	DOSSIER_UPDATE_BINDINGS=1 cargo test $(FEATURES) --test bindings

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules test-output
