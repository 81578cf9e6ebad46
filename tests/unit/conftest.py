"""Fixtures shared by the unit tests."""

from __future__ import annotations

import pytest

from mtqa.checks.lm import common_bigrams
from mtqa.checks.senses import SenseCheck
from mtqa.lexicon import dictd


@pytest.fixture(scope="module")
def mueller_check() -> SenseCheck:
    """The `senses` check on the system's Mueller dictionary, the CMU trigram model and
    symspellpy's bigram list; skipped when Mueller or symspellpy is missing."""
    if dictd.resolve(None) is None:
        pytest.skip("the Mueller dictionary (mueller7-dict) is not installed")
    if common_bigrams() is None:
        pytest.skip("symspellpy (the list of frequent English bigrams) is not installed")
    return SenseCheck()
