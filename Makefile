# Two commands for a fresh machine:
#   make run    set up a virtual environment with what the app needs and open it on the Kutai
#               Timur example, at http://127.0.0.1:8501 (this computer only)
#   make test   set up the same environment with what the tests need too, and run the whole suite
# Both first make sure the system packages are there (tools/system-packages): python3-venv for
# both, chromium and postgresql for the tests. As root, or with sudo without a password, they are
# installed; otherwise make stops at once and prints the one apt-get line to run.
#
#   make run SHARED=1   serve the office network (0.0.0.0) with sign-in required (README:
#                       "Sharing the app on the office network")
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
HOST ?= 127.0.0.1
ifeq ($(SHARED),1)
HOST := 0.0.0.0
export PLANNER_SHARED := 1
endif

.PHONY: run test bench clean

$(VENV)/.app: pyproject.toml
	@PYTHON=$(PYTHON) bash tools/system-packages run
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.app
	@PYTHON=$(PYTHON) bash tools/system-packages test
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.app
	$(VENV)/bin/streamlit run app.py --server.address $(HOST) --server.port $(PORT)

test: $(VENV)/.test
	$(PY) -m pytest

bench: $(VENV)/.test
	$(PY) benchmarks/engine.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
