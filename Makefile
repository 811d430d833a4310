PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,encoder]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/presslens analyze samples/*.txt samples/*.html --format text

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks training

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
