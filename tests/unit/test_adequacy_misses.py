"""scripts/adequacy_misses.py: each synthetic miss of the adequacy check sorted by mechanism."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MUELLER = Path("/usr/share/dictd/mueller7.index")


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "adequacy_misses", ROOT / "scripts" / "adequacy_misses.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(family: str, src: str, mt: str, garbled: str, note: str, split: str = "synthetic") -> dict:
    start = mt.index(garbled)
    return {
        "id": f"t.{family}.{start}",
        "split": split,
        "family": family,
        "src": src,
        "mt": mt,
        "note": note,
        "spans": [{"start": start, "end": start + len(garbled), "category": family}],
    }


def _run(tmp_path: Path, rows: list[dict], monkeypatch: pytest.MonkeyPatch, capsys) -> dict:  # type: ignore[no-untyped-def]
    path = tmp_path / "train.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "argv", ["adequacy_misses.py", "--garble", str(path), "--n", "10"])
    assert _script().main() == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict is not installed")
def test_misses_are_sorted_by_mechanism(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    rows = [
        _row("calque", "Налог платят юридические лица.", "Legal faces pay the tax.", "Legal faces",
             "юридические лица: legal entities"),
        # no set phrase or unit for one source word
        _row("calque", "Он пришёл вовремя.", "He came in time.", "in time", "вовремя: on time"),
        # "The" is a function word: never judged
        _row("wrong_sense", "Кошка спит.", "The cat sleeps.", "The", "x: a -> the"),
    ]  # fmt: skip
    report = _run(tmp_path, rows, monkeypatch, capsys)
    assert report["calque"] == {"found:major": 1, "no_unit": 1, "rows": 2}
    assert report["wrong_sense"] == {"not_judgeable": 1, "rows": 1}


def test_refuses_rows_of_a_test_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    rows = [_row("calque", "а", "b c", "b", "а: b", split="test")]
    with pytest.raises(SystemExit, match="split test"):
        _run(tmp_path, rows, monkeypatch, capsys)


# Real MT: a reference-attested sense swap is an MT word rendering a source word where the
# reference renders it by another of its dictionary renderings; the same word on both sides, or
# a reference word of another source word, is none.
@pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict is not installed")
@pytest.mark.parametrize(
    "src, mt, ref, swaps",
    [
        (
            "Министерство иностранных дел выразило протест.",
            "The Ministry of Foreign Cases expressed a protest.",
            "The Ministry of Foreign Affairs expressed a protest.",
            [("Cases", "дел", "Affairs")],
        ),
        (
            "Акции компании подешевели на бирже.",
            "The company's actions fell in price on the exchange.",
            "The company's shares fell in price on the exchange.",
            [("actions", "Акции", "shares")],
        ),
        (
            "Акции компании подешевели на бирже.",
            "The company's shares fell in price on the exchange.",
            "The company's shares fell in price on the exchange.",
            [],
        ),
    ],
)
def test_sense_swaps_of_real_mt(src: str, mt: str, ref: str, swaps: list) -> None:  # type: ignore[type-arg]
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.align import align

    check = AdequacyCheck()
    al = align(check.lexicon, src, mt)
    got = [
        (al.mt[j].text, al.src[i].text, word)
        for j, i, word in _script().sense_swaps(check, src, mt, ref)
    ]
    assert got == swaps
