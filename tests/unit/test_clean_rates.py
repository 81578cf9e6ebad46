"""scripts/clean_rates.py: articles rebuilt from the WMT rows the way the issue counts them."""

from __future__ import annotations

import importlib.util
import sys

from tests.conftest import ROOT, shared_file


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "clean_rates", ROOT / "scripts" / "clean_rates.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["clean_rates"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_wmt_references_become_187_articles_one_paragraph_per_segment():
    shared_file("eval/wmt21_da_ru-en_news.part1.jsonl")
    shared_file("eval/wmt22_da_ru-en_news.part1.jsonl")
    clean_rates = _script()
    wmt21, wmt22 = clean_rates.articles("wmt21"), clean_rates.articles("wmt22")
    assert (len(wmt21), len(wmt22)) == (107, 80)
    for art in wmt21 + wmt22:
        # references deduplicated by segment: as many paragraphs on both sides
        assert art.ref.count("\n\n") == art.src.count("\n\n")
        assert "\n\n\n" not in art.ref
