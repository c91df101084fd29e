# Sieve — two commands on a fresh machine:
#   make run    install what is missing, build in release mode, run experiments/quickstart.yaml
#   make test   install what is missing, build, and run every test
SHELL := /bin/bash
.DEFAULT_GOAL := run

SWIFT ?= swift
CONFIG ?= release
JOBS ?= $(shell nproc)
SPEC ?= experiments/quickstart.yaml
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libxgboost-dev libsymspg-dev liblapacke-dev libopenblas-dev libqhull-dev pkg-config libxml2-utils python3-venv
BIN = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path)
BENCH_VENV := .venv-bench
QM9_VENV := .venv-qm9
FUZZ_SECONDS ?= 60
# Fail the build when a target imports a module of the package it does not depend on (docs/architecture.md).
IMPORT_CHECK := --explicit-target-dependency-import-check=error

.PHONY: help run test test-slurm test-browser setup build reference data bench bench-smoke fuzz fuzz-keep clean

## help: list these commands
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

## setup: install the Debian packages Sieve needs when one is missing (with sudo when not root): libxgboost-dev
##       (XGBoost 1.7.4), libsymspg-dev (spglib), liblapacke-dev, libopenblas-dev, libqhull-dev (Qhull 2020.2), pkg-config,
##       libxml2-utils, python3-venv
setup:
	@missing=""; \
	pkg-config --exists xgboost 2>/dev/null || missing="$$missing libxgboost-dev pkg-config"; \
	pkg-config --exists spglib 2>/dev/null || missing="$$missing libsymspg-dev"; \
	pkg-config --exists lapacke openblas 2>/dev/null || missing="$$missing liblapacke-dev libopenblas-dev"; \
	pkg-config --exists qhull_r 2>/dev/null || missing="$$missing libqhull-dev"; \
	command -v xmllint >/dev/null || missing="$$missing libxml2-utils"; \
	python3 -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	fi

## build: build the sieve binary in release mode (BUILD_FLAGS=-Xswiftc\ -enable-testing reuses `make test`'s build)
build: setup
	$(SWIFT) build -c $(CONFIG) $(BUILD_FLAGS) --product sieve

## run: build and run the quickstart experiment (override with SPEC=… JOBS=…)
run: build
	$(BIN)/sieve run $(SPEC) --jobs $(JOBS)

## reference: write docs/reference.md (every spec key, model parameter and campaign setting) from `sieve describe`
reference: build
	$(BIN)/sieve describe > docs/reference.md.tmp && mv docs/reference.md.tmp docs/reference.md

## test: check the docs' links and the module layering, build (failing on an import a target does not declare),
##       and run every test (unit, CLI and end-to-end on the built binary)
test: setup
	scripts/check-links.sh
	scripts/check-layering.sh
	$(SWIFT) build -c $(CONFIG) -Xswiftc -enable-testing --build-tests $(IMPORT_CHECK)
	SIEVE_BINARY=$(BIN)/sieve $(SWIFT) test -c $(CONFIG) -Xswiftc -enable-testing --skip-build --parallel

## test-slurm: the Slurm path on a real Slurm started on loopback (installs slurm and munge if missing)
test-slurm: build
	SIEVE=$(BIN)/sieve scripts/test-slurm.sh

## test-browser: open a generated HTML report in headless chromium (installs it if missing)
test-browser: build
	SIEVE=$(BIN)/sieve scripts/test-browser.sh

## data: fetch the full datasets (PyPI archives by exact version, hash checked) into data/full/,
##       and compute QM9's RDKit descriptors (pinned RDKit in $(QM9_VENV))
data:
	python3 scripts/fetch_data.py full
	cmp -s scripts/requirements-qm9.txt $(QM9_VENV)/.sieve-requirements 2>/dev/null || { rm -rf $(QM9_VENV) && python3 -m venv $(QM9_VENV) \
	  && $(QM9_VENV)/bin/pip install -q --disable-pip-version-check -r scripts/requirements-qm9.txt \
	  && cp scripts/requirements-qm9.txt $(QM9_VENV)/.sieve-requirements; }
	$(QM9_VENV)/bin/python scripts/prepare_qm9.py full
	python3 scripts/prepare_matminer.py full

## bench: side-by-side speed and accuracy against scikit-learn, xgboost 1.7.4, lingam 1.13.0 and matminer 0.10.1 on the full data
##       (PARTS="models gbm scheduler al causal etal featurise" by default; fetches the data and runs `make data` if needed)
bench: setup
	$(SWIFT) build -c release $(BUILD_FLAGS) --product sieve-bench
	bench/run.sh $(BENCH_VENV) $$($(SWIFT) build -c release $(BUILD_FLAGS) --show-bin-path)/sieve-bench

## bench-smoke: every part of the bench and its Python references on a few hundred rows of the committed samples
##       (CI runs it after the tests; with BUILD_FLAGS="-Xswiftc -enable-testing" it reuses `make test`'s build)
bench-smoke: setup
	$(SWIFT) build -c release $(BUILD_FLAGS) --product sieve-bench
	SMOKE=1 bench/run.sh $(BENCH_VENV) $$($(SWIFT) build -c release $(BUILD_FLAGS) --show-bin-path)/sieve-bench

## fuzz: libFuzzer on the spec reader, the CSV reader and loader, and the formula parser, FUZZ_SECONDS each (default 60)
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

## fuzz-keep: reduce the local fuzz corpora to the inputs that cover them, into Fuzz/Corpus/ (commit it; make test replays it)
fuzz-keep:
	scripts/fuzz-keep.sh

## clean: remove the builds and the results (keeps data/ and the venvs)
clean:
	rm -rf .build .build-fuzz results/*/
