# The two commands of the README: `make run` starts the app, `make test` runs the whole suite;
# `make shell` puts `fieldbook` on the PATH.
# Each sets up what it needs (a virtualenv in .venv with the project and its dependencies).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup shell bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/fieldbook $(ARGS)

# A shell with fieldbook and fieldbook-server on the PATH (`exit` leaves it); CMD="…" runs one command in it.
shell: $(STAMP)
	@echo "fieldbook and fieldbook-server are on the PATH here$(if $(CMD),,; type exit to leave)." >&2
	@PATH="$(CURDIR)/$(BIN):$$PATH" $(if $(CMD),sh -c '$(CMD)',$${SHELL:-sh})

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info
