# Set-up and the two commands the README promises: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
CORE_STAMP := $(VENV)/.mtqa-core
FULL_STAMP := $(VENV)/.mtqa-full

.PHONY: demo test install install-all browser clean

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

demo: install
	$(BIN)/mtqa check data/samples/article.en.txt --src data/samples/article.ru.txt --src-lang ru --tgt-lang en
	@echo "next: '. $(VENV)/bin/activate' puts mtqa on your PATH (or run $(BIN)/mtqa); then e.g."
	@echo "      mtqa check YOUR-ARTICLE.en.txt --src-pattern '{stem}.ru.txt'   (mtqa --help for more)"

test: install-all browser
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
