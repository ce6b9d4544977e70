# Thresh — the two commands: `make run` and `make test`. Both install what is missing.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
PORT ?= 8080
EXAMPLE := examples/field-service-q2.thresh.json
CARGO ?= cargo

.PHONY: run test test-native cli bench fmt-check fuzz help

help:
	@echo "make run    build and run (rank the bundled example with the thresh CLI)"
	@echo "make test   run every test"
	@echo "make bench  native benchmarks (criterion)"
	@echo "make fuzz   fuzz the scenario reader (needs cargo-fuzz; see fuzz/README.md)"

cli:
	$(CARGO) build --release --bin thresh

run: cli
	./target/release/thresh check $(EXAMPLE)
	./target/release/thresh rank $(EXAMPLE)

test: test-native

test-native:
	$(CARGO) fmt --check
	$(CARGO) test --all-targets --no-fail-fast -q
	$(CARGO) test --doc -q

bench:
	$(CARGO) bench --bench rank

fuzz:
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run read_scenario -- -max_total_time=120
