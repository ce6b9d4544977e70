# Thresh — the two commands: `make run` and `make test`. Both install what is missing.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
PORT ?= 8080
EXAMPLE := examples/field-service-q2.thresh.json
CARGO ?= cargo
NODE ?= node

# wasm-bindgen-test-runner (cargo's runner for wasm32, see .cargo/config.toml) and the
# pinned wasm-bindgen live in .tools/bin; the browser tests drive Debian's Chromium.
export PATH := $(CURDIR)/.tools/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_WEBDRIVER_JSON := $(CURDIR)/webdriver.json

WASM_TARGET := wasm32-unknown-unknown
# Each bindings crate builds its own module under its own profile (wasm/*/Cargo.toml and
# the profiles in Cargo.toml); cargo leaves a module untouched when it is up to date, so
# make re-runs wasm-bindgen only when its bytes changed.
WASM_PAGE_RAW := target/page-std/$(WASM_TARGET)/wasm-page/thresh_page.wasm
WASM_PLAN_RAW := target/$(WASM_TARGET)/wasm-planner/thresh_planner.wasm
WASM_ANALYSIS_RAW := target/$(WASM_TARGET)/wasm-planner/thresh_analysis.wasm
WASM_SHEETS_RAW := target/$(WASM_TARGET)/wasm-planner/thresh_sheets.wasm
# Debug builds of the four modules, whose generated .d.ts files the type-check reads
# (tsconfig.json).
TYPES := target/types
PKG := dist/pkg
PKG_PLAN := dist/pkg-plan
PKG_ANALYSIS := dist/pkg-analysis
PKG_SHEETS := dist/pkg-sheets
WASM_BINDGEN := .tools/bin/wasm-bindgen
# binaryen from npm (never Debian's binaryen 108, which silently breaks wasm-bindgen's
# output). The features are rustc's defaults for wasm32-unknown-unknown (1.95):
# `rustc --print cfg --target wasm32-unknown-unknown | grep feature`.
WASM_OPT := node_modules/.bin/wasm-opt
WASM_OPT_FLAGS := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue

# The page's sources (www/pkg, if someone links the bindings there for development, is not
# the page's; *.d.ts files only serve the type-check).
WWW_FILES := $(shell [ -d www ] && find www -path www/pkg -prune -o -type f ! -name '*.d.ts' -print)
# scripts/build-page.js bundles them into dist/ and writes the one-file page.
PAGE_STAMP := dist/.page

.PHONY: help run build test test-native test-wasm fmt-check clippy schema-check typecheck e2e \
	bench bench-web fuzz cli run-cli tools-wasm tools-node tools-chromium FORCE

help:
	@echo "make run        build the page and serve it at http://127.0.0.1:$(PORT)/ (PORT=… to change)"
	@echo "make build      build the page into dist/ (wasm, bindings, bundle; dist/thresh.html in one file)"
	@echo "make test       run every test: fmt, native, wasm in Chromium, schema, typecheck, end-to-end"
	@echo "make test-native  the Rust native tests only"
	@echo "make bench      every native benchmark (criterion), floors printed beside the figures"
	@echo "make bench-web  the page's figures in Chromium (load, 10,000 requests, views on 100,000, plan, how sure, compare and merge, bytes)"
	@echo "make run-cli    build the thresh command line and rank the bundled example"
	@echo "make fuzz       fuzz the scenario reader (needs cargo-fuzz; see fuzz/README.md)"

# ----- tools (scripts/ensure-tools.sh does nothing when they are there) -----

tools-wasm:
	@scripts/ensure-tools.sh wasm

tools-chromium:
	@scripts/ensure-tools.sh chromium

# npm ci from the lock, only when the lock is newer than what is installed.
node_modules/.package-lock.json: package.json package-lock.json
	@scripts/ensure-tools.sh node
	@touch $@

tools-node: node_modules/.package-lock.json

# ----- the page -----

build: $(PAGE_STAMP)

# The page bundled and minified (dist/app.js, dist/plan-worker.js, dist/analysis-worker.js,
# dist/sheet-worker.js, dist/app.css, dist/index.html) and in one file (dist/thresh.html), from www/ and the
# bindings.
$(PAGE_STAMP): $(WWW_FILES) $(PKG)/thresh_bg.wasm $(PKG_PLAN)/thresh_bg.wasm $(PKG_ANALYSIS)/thresh_bg.wasm $(PKG_SHEETS)/thresh_bg.wasm scripts/build-page.js node_modules/.package-lock.json
	$(NODE) scripts/build-page.js
	@touch $@

# Four WebAssembly modules: the page's (wasm/page); the planner's (wasm/planner), which only
# the plan view's Web Worker loads (and the report's, for its plan); the analyses'
# (wasm/analysis: How sure?, compare and merge), which only their Web Workers load; and the
# spreadsheet import's (wasm/sheets), which only the import's Web Worker loads. The three
# loaded later are built for speed (profile
# wasm-planner): built for size, the import read 100,000 rows in about 6 s instead of 2.
# The page's module is downloaded before the first paint, so its standard library is
# built for size too (std's `optimize_for_size`, panics that abort at once): about 25 KB
# less gzipped. These are unstable cargo and rustc options, allowed on the stable
# toolchain by RUSTC_BOOTSTRAP for this one build (it needs the rust-src component, which
# scripts/ensure-tools.sh installs); everything else builds on plain stable.
$(WASM_PAGE_RAW): FORCE | tools-wasm
	RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
	$(CARGO) build -p thresh-page --target $(WASM_TARGET) --profile wasm-page --target-dir target/page-std \
		-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size

# The workers' modules: crate thresh-X builds thresh_X.wasm.
target/$(WASM_TARGET)/wasm-planner/thresh_%.wasm: FORCE | tools-wasm
	$(CARGO) build -p thresh-$* --target $(WASM_TARGET) --profile wasm-planner

# Bindings are made in a scratch directory; wasm-opt's output at each of
# WASM_OPT_LEVELS is kept only when it is the smallest gzipped so far (for these crates
# -Oz shrinks the raw file but grows the gzipped one; -O1 shrinks both a little); the
# result moves into place only once it has been instantiated and called
# (scripts/check-wasm.js).
WASM_OPT_LEVELS := -Oz -O1
define wasm_package
	rm -rf $(2).tmp
	$(WASM_BINDGEN) $(1) --target web --out-name thresh --out-dir $(2).tmp --remove-name-section --remove-producers-section
	@for level in $(WASM_OPT_LEVELS); do \
		$(WASM_OPT) $$level $(WASM_OPT_FLAGS) $(2).tmp/thresh_bg.wasm -o $(2).tmp/thresh_bg.opt.wasm; \
		if [ "$$(gzip -9c $(2).tmp/thresh_bg.opt.wasm | wc -c)" -lt "$$(gzip -9c $(2).tmp/thresh_bg.wasm | wc -c)" ]; then \
			mv $(2).tmp/thresh_bg.opt.wasm $(2).tmp/thresh_bg.wasm; echo "wasm-opt $$level: kept (smaller gzipped)"; \
		else rm $(2).tmp/thresh_bg.opt.wasm; echo "wasm-opt $$level: not kept (larger gzipped)"; fi; \
	done
	$(NODE) scripts/check-wasm.js $(2).tmp $(3)
	rm -rf $(2)
	mv $(2).tmp $(2)
	@echo "$(2)/thresh_bg.wasm: $$(wc -c < $(2)/thresh_bg.wasm) bytes, $$(gzip -9c $(2)/thresh_bg.wasm | wc -c) gzipped"
endef

$(PKG)/thresh_bg.wasm: $(WASM_PAGE_RAW) node_modules/.package-lock.json | tools-wasm
	$(call wasm_package,$(WASM_PAGE_RAW),$(PKG),page)

$(PKG_PLAN)/thresh_bg.wasm: $(WASM_PLAN_RAW) node_modules/.package-lock.json | tools-wasm
	$(call wasm_package,$(WASM_PLAN_RAW),$(PKG_PLAN),planner)

$(PKG_ANALYSIS)/thresh_bg.wasm: $(WASM_ANALYSIS_RAW) node_modules/.package-lock.json | tools-wasm
	$(call wasm_package,$(WASM_ANALYSIS_RAW),$(PKG_ANALYSIS),analysis)

$(PKG_SHEETS)/thresh_bg.wasm: $(WASM_SHEETS_RAW) node_modules/.package-lock.json | tools-wasm
	$(call wasm_package,$(WASM_SHEETS_RAW),$(PKG_SHEETS),sheets)

run: build
	@echo "Thresh is running at http://127.0.0.1:$(PORT)/"
	@echo "(Ctrl-C to stop)"
	@exec python3 -m http.server --bind 127.0.0.1 --directory dist $(PORT)

# ----- tests -----

test: fmt-check clippy test-native test-wasm schema-check typecheck e2e
	@echo "make test: all passed"

fmt-check:
	$(CARGO) fmt --all --check

clippy:
	$(CARGO) clippy --workspace --all-targets -q -- -D warnings
	$(CARGO) clippy -p thresh-page -p thresh-planner -p thresh-analysis -p thresh-sheets --target $(WASM_TARGET) -q -- -D warnings

test-native:
	$(CARGO) test --all-targets --no-fail-fast -q
	$(CARGO) test --doc -q

# The bindings in headless Chromium (wasm/page/tests/web.rs); Chrome's options are in
# webdriver.json.
test-wasm: tools-wasm tools-chromium
	$(CARGO) test -p thresh-page --target $(WASM_TARGET) --test web

schema-check: tools-node
	$(NODE) scripts/check-schema.js schema/scenario-v1.schema.json --valid examples/*.thresh.json

# The page's module graph (no import cycle; views import no view and nothing imports
# main.js; see scripts/check-imports.js), then its JavaScript against the generated
# bindings' types (tsconfig.json).
typecheck: tools-node tools-wasm
	$(NODE) scripts/check-imports.js www
	$(CARGO) build -p thresh-page -p thresh-planner -p thresh-analysis -p thresh-sheets --target $(WASM_TARGET) -q
	for m in page:pkg planner:pkg-plan analysis:pkg-analysis sheets:pkg-sheets; do \
		$(WASM_BINDGEN) target/$(WASM_TARGET)/debug/thresh_$${m%%:*}.wasm --target web --out-name thresh --out-dir $(TYPES)/$${m#*:}; \
	done
	node_modules/.bin/tsc -p tsconfig.json

e2e: build tools-node tools-chromium
	$(NODE) --check tests/e2e/bench.js
	$(NODE) --test --test-reporter=spec tests/e2e/*.test.js

# ----- figures -----

bench:
	$(CARGO) bench

bench-web: build tools-node tools-chromium
	$(NODE) tests/e2e/bench.js

fuzz:
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run read_scenario -- -max_total_time=120

# ----- the command line -----

cli:
	$(CARGO) build --release --bin thresh

run-cli: cli
	./target/release/thresh check $(EXAMPLE)
	./target/release/thresh rank $(EXAMPLE)

FORCE:
