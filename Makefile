# Set-up and the two commands the README promises: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
CORE_STAMP := $(VENV)/.mtqa-core
FULL_STAMP := $(VENV)/.mtqa-full

.PHONY: demo test install install-all browser dictionary clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The offline default: light dependencies only (no torch).
$(CORE_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

# Everything the test suite exercises. torch is installed first and pinned to the CPU wheel:
# an unpinned torch pulls several GB of CUDA builds.
$(FULL_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install torch==2.13.0
	$(PIP) install -e '.[all,test]'
	touch $@ $(CORE_STAMP)

install: $(CORE_STAMP)

install-all: $(FULL_STAMP)

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

demo: install dictionary
	$(BIN)/mtqa check data/samples/article.en.txt --src data/samples/article.ru.txt --src-lang ru --tgt-lang en
	@echo "next: '. $(VENV)/bin/activate' puts mtqa on your PATH (or run $(BIN)/mtqa); then e.g."
	@echo "      mtqa check YOUR-ARTICLE.en.txt --src-pattern '{stem}.ru.txt'   (mtqa --help for more)"

test: install-all browser dictionary
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
