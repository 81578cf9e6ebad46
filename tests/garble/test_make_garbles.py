"""scripts/make_garbles.py: senses from the dictionary it is given, rows and counts per split."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from mtqa.garble import default_senses
from mtqa.lexicon import dictd
from tests.lexicon.dictd_fixture import write_dictd

ROOT = Path(__file__).resolve().parents[2]

WMT = [
    {"seg_id": 1, "src": "Мирное урегулирование конфликта.", "ref": "A peaceful settlement."},
    {"seg_id": 1, "src": "Мирное урегулирование конфликта.", "ref": "A peaceful settlement."},
    {"seg_id": 2, "src": "Налог вырос в 2019 году.", "ref": "The tax rose in 2019."},
]
MLQE = [{"id": "mlqe-pe.ru-en.train.0", "src": "Эксперты предупреждают.", "pe": "Experts warn ."}]
# ru-en dev (garbled into the dev set) beside test20 rows that must stay out of it
MLQE_EVAL = [
    {"id": "mlqe-pe.ru-en.dev.0", "split": "dev", "src": "Налог вырос.", "pe": "The tax rose ."},
    {"id": "mlqe-pe.ru-en.test20.0", "split": "test20", "src": "Он ушёл.", "pe": "He left ."},
]


@pytest.fixture
def make_garbles():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_garbles", ROOT / "scripts" / "make_garbles.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def data(tmp_path: Path) -> Path:
    for folder, name, rows in (
        ("eval", "wmt21_da_ru-en_news.part1.jsonl", WMT),
        ("eval", "wmt22_da_ru-en_news.part1.jsonl", WMT),
        ("train", "mlqe_pe_ru-en.train.jsonl", MLQE),
        ("eval", "mlqe_pe_ru-en.jsonl", MLQE_EVAL),
    ):
        (tmp_path / "data" / folder).mkdir(parents=True, exist_ok=True)
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        (tmp_path / "data" / folder / name).write_text(text, encoding="utf-8")
    return tmp_path / "data"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTQA_CACHE_DIR", raising=False)
    monkeypatch.delenv("MTQA_DICTIONARY", raising=False)
    default_senses.cache_clear()


def test_sets_are_made_with_the_given_dictionary(
    make_garbles, data, tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr(dictd, "SYSTEM_DIR", tmp_path / "no-dictd")  # the default: builtin
    index = write_dictd(tmp_path)
    out = tmp_path / "out"
    argv = ["--data", str(data), "--out", str(out), "--dictionary", str(index)]
    assert make_garbles.main([*argv, "--clean-share", "0", "--test-clean-share", "0"]) == 0
    counts = json.loads((out / "counts.json").read_text())
    assert counts["senses"].startswith("lexicon:tiny:")
    assert counts["train"]["rows"] == 3 and counts["test"]["rows"] == 2  # seg 1 once
    dev = [json.loads(line) for line in (out / "dev.jsonl").read_text().splitlines()]
    assert counts["dev"]["rows"] == 1 and dev[0]["clean"] == "The tax rose."  # dev only
    assert dev[0]["split"] == "synthetic-dev"
    rows = [json.loads(line) for line in (out / "train.jsonl").read_text().splitlines()]
    assert [r["src"] for r in rows][-1] == "Эксперты предупреждают."
    assert rows[-1]["clean"] == "Experts warn."  # the post-edit detokenised
    # only the given dictionary renders мирный/урегулирование: the first pair is garbled
    assert rows[0]["family"] in ("untranslated", "wrong_sense", "calque")
    capsys.readouterr()
    assert make_garbles.main([*argv, "--coverage"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["test"]["pairs"] == 2
    # both pairs have a word the dictionary renders; one has a number
    assert report["test"]["untranslated"] == 2 and report["test"]["number"] == 1


def test_a_missing_dictionary_is_one_line(make_garbles, data, tmp_path) -> None:
    with pytest.raises(SystemExit, match="make_garbles: error: dictionary not found"):
        make_garbles.main(["--data", str(data), "--dictionary", str(tmp_path / "none.index")])
