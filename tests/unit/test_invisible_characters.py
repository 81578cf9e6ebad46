"""Invisible formatting characters that web copy carries inside words (soft hyphens from &shy;,
zero-width spaces, word joiners) are taken out on reading: "nego\\xadtiations" was checked as
"nego" + "tiations", an unknown word."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.io.decode import decode
from mtqa.io.sources.feeds import html_to_text

TEXT = "The nego\u00adtiations resumed in Gene\u200bva on Mon\u2060day.\n"
CLEAN = "The negotiations resumed in Geneva on Monday.\n"


def test_decode_takes_them_out() -> None:
    assert decode(TEXT.encode("utf-8"), "a.txt") == CLEAN


def test_feed_html_takes_them_out() -> None:
    assert html_to_text("<p>The nego&shy;tiations resumed in Gene&#8203;va.</p>") == (
        "The negotiations resumed in Geneva."
    )


@pytest.mark.parametrize("keep", ["\u200c", "\u200d"])  # joiners that shape other scripts
def test_joiners_stay(keep: str) -> None:
    assert decode(f"a{keep}b\n".encode(), "a.txt") == f"a{keep}b\n"


def test_check_sees_the_whole_word(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--checks", "vocabulary", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert '"flags": []' in result.stdout and "negotiations" in result.stdout


def test_batch_dump_text_fields_take_them_out(tmp_path: Path) -> None:
    import json

    from mtqa.batch.work import to_segments
    from mtqa.io.sources import SourceOptions
    from mtqa.io.sources.archives import Reader, iter_units

    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    (doc,) = Reader(SourceOptions()).documents(iter_units([str(dump)]))
    assert [s.mt for s in to_segments(doc, "ru", "en")] == [CLEAN.strip()]
