# socialecho-client: spec pipeline, runtime, contract suite. Set-up is implicit: the first target
# that needs it creates .venv from requirements.lock (pinned) and installs both projects into it.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPEC ?= openapi/socialecho.openapi.json
FORMAT ?= md
PYTEST_ARGS ?=

.PHONY: help setup generate check-generated lint typecheck test test-fast bench diff contract-live update-spec clean

help:
	@echo "make setup                  create .venv from requirements.lock (implicit in every target)"
	@echo "make generate [SPEC=path]   regenerate generated/ from an export (default $(SPEC))"
	@echo "make check-generated        fail if generated/ differs from what the pipeline produces"
	@echo "make lint                   ruff + mypy --strict on hand-written code and generated/"
	@echo "make test                   check-generated, lint, then the offline test + contract suite"
	@echo "make test-fast              only pytest (no check-generated, no lint)"
	@echo "make bench                  runtime overhead, pagination memory, pipeline vs bare generator"
	@echo "make diff OLD=a NEW=b [FORMAT=md|json]   contract-level spec diff (exit 1 on breaking)"
	@echo "make contract-live          live drift probe (needs SOCIALECHO_API_KEY)"
	@echo "make update-spec SPEC=new   diff, patch, regenerate, surface diff, contract suite, adopt"
	@echo "make clean                  remove .venv and caches"

$(STAMP): requirements.lock pyproject.toml config/generated/pyproject.toml
	@test -n "$(PYTHON)" || { echo "python3.11 (or python3) not found" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e ./generated -e .
	@touch $@

setup: $(STAMP)

generate: $(STAMP)
	$(BIN)/python -m scripts.pipeline generate --spec "$(SPEC)"

check-generated: $(STAMP)
	$(BIN)/python -m scripts.pipeline check --spec "$(SPEC)"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict conftest.py scripts src tests contract_tests benchmarks
	cd generated && ../$(BIN)/mypy --strict socialecho_client

test: check-generated lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks
	$(BIN)/python -m scripts.bench_generate

diff: $(STAMP)
	@test -n "$(OLD)" -a -n "$(NEW)" || { echo "usage: make diff OLD=path NEW=path [FORMAT=md|json]" >&2; exit 2; }
	@$(BIN)/python -m socialecho_kit.specdiff "$(OLD)" "$(NEW)" --format "$(FORMAT)"

contract-live: $(STAMP)
	$(BIN)/python -m socialecho_kit.drift

update-spec: $(STAMP)
	$(BIN)/python -m scripts.update_spec --spec "$(SPEC)"

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis
