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
WASM_RAW := target/$(WASM_TARGET)/wasm-release/thresh.wasm
PKG := dist/pkg
PKG_TMP := dist/.pkg.tmp
WASM_BINDGEN := .tools/bin/wasm-bindgen
# binaryen from npm (never Debian's binaryen 108, which silently breaks wasm-bindgen's
# output). The features are rustc's defaults for wasm32-unknown-unknown (1.95):
# `rustc --print cfg --target wasm32-unknown-unknown | grep feature`.
WASM_OPT := node_modules/.bin/wasm-opt
WASM_OPT_FLAGS := -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue

# The page's own files, copied as they are (www/pkg, if someone links the bindings
# there for development, is not the page's; *.d.ts files only serve the type-check).
WWW_FILES := $(shell [ -d www ] && find www -path www/pkg -prune -o -type f ! -name '*.d.ts' -print)
DIST_WWW := $(WWW_FILES:www/%=dist/%)

.PHONY: help run build test test-native test-wasm fmt-check schema-check typecheck e2e \
	bench bench-web fuzz cli run-cli tools-wasm tools-node tools-chromium FORCE

help:
	@echo "make run        build the page and serve it at http://127.0.0.1:$(PORT)/ (PORT=… to change)"
	@echo "make build      build the page into dist/ (wasm, bindings, wasm-opt, www/)"
	@echo "make test       run every test: fmt, native, wasm in Chromium, schema, typecheck, end-to-end"
	@echo "make test-native  the Rust native tests only"
	@echo "make bench      native benchmarks (criterion)"
	@echo "make bench-web  the page's figures in Chromium (load, 10,000 requests, bytes)"
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

build: $(PKG)/thresh_bg.wasm $(DIST_WWW)
	@[ -f dist/index.html ] || echo "note: www/index.html does not exist yet; dist/ holds only the bindings" >&2

# Cargo decides whether the wasm is stale; make only re-runs bindgen and wasm-opt when
# the file actually changed.
$(WASM_RAW): FORCE | tools-wasm
	$(CARGO) build --lib --target $(WASM_TARGET) --profile wasm-release

# Bindings and the optimised wasm are made in a scratch directory and moved into place
# only once the result has been instantiated and called (scripts/check-wasm.js).
$(PKG)/thresh_bg.wasm: $(WASM_RAW) node_modules/.package-lock.json | tools-wasm
	rm -rf $(PKG_TMP)
	$(WASM_BINDGEN) $(WASM_RAW) --target web --out-dir $(PKG_TMP) \
		--remove-name-section --remove-producers-section
	$(WASM_OPT) $(WASM_OPT_FLAGS) $(PKG_TMP)/thresh_bg.wasm -o $(PKG_TMP)/thresh_bg.opt.wasm
	mv $(PKG_TMP)/thresh_bg.opt.wasm $(PKG_TMP)/thresh_bg.wasm
	$(NODE) scripts/check-wasm.js $(PKG_TMP)
	rm -rf $(PKG)
	mv $(PKG_TMP) $(PKG)
	@echo "dist/pkg/thresh_bg.wasm: $$(wc -c < $@) bytes, $$(gzip -9c $@ | wc -c) gzipped"

dist/%: www/%
	@mkdir -p $(@D)
	cp $< $@

run: build
	@echo "Thresh is running at http://127.0.0.1:$(PORT)/"
	@echo "(Ctrl-C to stop)"
	@exec python3 -m http.server --bind 127.0.0.1 --directory dist $(PORT)

# ----- tests -----

test: fmt-check test-native test-wasm schema-check typecheck e2e
	@echo "make test: all passed"

fmt-check:
	$(CARGO) fmt --check

test-native:
	$(CARGO) test --all-targets --no-fail-fast -q
	$(CARGO) test --doc -q

# The bindings in headless Chromium (tests/web.rs); Chrome's options are in webdriver.json.
test-wasm: tools-wasm tools-chromium
	$(CARGO) test --target $(WASM_TARGET) --test web

schema-check: tools-node
	$(NODE) scripts/check-schema.js schema/scenario-v1.schema.json --valid examples/*.thresh.json

# The page's JavaScript against the generated bindings' types (tsconfig.json).
typecheck: build tools-node
	node_modules/.bin/tsc -p tsconfig.json

e2e: build tools-node tools-chromium
	$(NODE) --test --test-reporter=spec tests/e2e/*.test.js

# ----- figures -----

bench:
	$(CARGO) bench --bench rank

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
