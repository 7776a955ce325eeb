# coach: `make run` opens the app on the shipped routines; `make test` checks the import
# contracts and runs every test.
# Both create .venv on first use and reinstall only when pyproject.toml changes.
# `make test-shifted` runs every test again with the clock a year ahead (needs faketime).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

SHIFT_DAYS ?= 365

.PHONY: run test test-shifted bench bench-check mutation clean

run: $(STAMP)
	$(BIN)/coach

# lint-imports checks the architecture's contracts (pyproject.toml) in under a second,
# before the tests: the core never imports the app, the store stays below the session,
# and no import cycles outside coach.tui.
# Two test workers a core: most tests wait (on a terminal, a child process, a minute of
# breathing), and one worker a core left the cores idle more than half of the time.
# Workers take tests from each other as they finish (worksteal), so a long test does
# not leave one working alone at the end.
WORKERS := -n $(shell echo $$(( $$(nproc) * 2 ))) --dist worksteal
test: $(STAMP)
	$(BIN)/lint-imports --no-logo
	$(BIN)/python -m pytest $(WORKERS) $(PYTEST_ARGS)

# libfaketime moves the clock of pytest, its xdist workers and everything they start
# (coach in tmux included): a test that depends on today's date fails here.
# COACH_TEST_SHIFT_DAYS lets tests/test_clock_shift.py check that the shift took effect.
# It does not move the times the kernel stamps on files, so a test that compares a
# file's mtime with the clock could not run shifted (none does now).
test-shifted: $(STAMP)
	@command -v faketime >/dev/null || { echo "make test-shifted needs faketime (Debian: apt-get install faketime)" >&2; exit 1; }
	COACH_TEST_SHIFT_DAYS=$(SHIFT_DAYS) faketime -f '+$(SHIFT_DAYS)d' \
	    $(BIN)/python -m pytest $(WORKERS) $(PYTEST_ARGS)

# That every benchmark still runs and prints its row of the table (bench/all.py --short,
# about two minutes of both cores): CI runs it after the tests, on its own.
bench-check: $(STAMP)
	$(BIN)/python -m pytest bench/test_all_short.py $(PYTEST_ARGS)

# Every benchmark, and one table of its figures against their goals (about 25 minutes);
# `make bench BENCH_ARGS=--short` runs each briefly, `BENCH_ARGS="--output FILE"` keeps it.
bench: $(STAMP)
	$(BIN)/python bench/all.py $(BENCH_ARGS)

# Mutation testing with mutmut (not in CI): it changes the core one small way at a time
# (about 10,400 changes) and runs the tests that reach each; a change no test notices is a
# behaviour no test pins down. A table gives each module's score and what survived.
# `make mutation MUTATE="coach/remind/schedule.py coach/store"` changes only those files or
# folders. Its work is kept in mutants/: the first run in a clone makes the changes (about a
# minute) and runs the tests once to learn which test reaches which function (about 15
# minutes on 2 cores); later runs reuse both. Then coach/remind/schedule.py (208 changes)
# takes 2 to 3 minutes. A module that every test reaches (store/days.py, store/writer.py)
# takes hours: a change that survives runs each test that reaches it, and one that hangs
# the writer waits out its timeout. The whole core, never run here, could take days: at
# most about 440 CPU-hours if every change survived. `.venv/bin/mutmut show NAME` shows one.
MUTATION_STAMP := $(VENV)/.installed-mutation
mutation: $(MUTATION_STAMP)
	$(BIN)/python tools/mutation.py $(MUTATE)

$(MUTATION_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	touch $(MUTATION_STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "coach needs Python 3.11 or newer; set PYTHON=python3.x")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist mutants
