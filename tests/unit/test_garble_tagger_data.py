"""The garble tagger's training rows: clean twins, the split by source, the gate threshold."""

from __future__ import annotations

import pytest

from mtqa.qe.tagger_data import (
    clean_twin,
    found_and_flagged,
    gate_threshold,
    in_dev_share,
    split_rows,
    with_twins,
)

SRC = "Министерство иностранных дел выразило протест."


def garbled(source_id: str, mt: str, family: str | None = "wrong_sense", src: str = SRC) -> dict:
    clean = "The Ministry of Foreign Affairs expressed a protest."
    tags = " ".join("BAD" if w == "Cases" else "OK" for w in mt.split())
    return {
        "id": f"garble.synthetic.{source_id}.{mt[:5]}",
        "lang_pair": "ru-en",
        "split": "synthetic",
        "src": src,
        "mt": mt,
        "clean": clean,
        "mt_tok": mt,
        "mt_tags": tags,
        "spans": [],
        "family": family,
        "source_id": source_id,
    }


def test_clean_twin_is_all_ok_on_the_clean_translation() -> None:
    twin = clean_twin(
        garbled("mlqe-pe.ru-en.train.1", "The Ministry of Foreign Cases expressed a protest.")
    )
    assert twin["mt"] == "The Ministry of Foreign Affairs expressed a protest."
    assert twin["mt_tags"].split() == ["OK"] * 8
    assert twin["family"] is None and twin["score"] is None
    assert twin["src"] == SRC


def test_each_source_gets_one_twin_and_each_garble_is_kept_once() -> None:
    bad = "The Ministry of Foreign Cases expressed a protest."
    rows = [
        garbled("mlqe-pe.ru-en.train.1", bad),
        garbled("mlqe-pe.ru-en.train.1", bad),  # the same garble from another seed
        garbled("mlqe-pe.ru-en.train.1", "The Ministry of Foreign Deeds expressed a protest."),
        garbled(
            "mlqe-pe.ru-en.train.2", "The Ministry of Foreign Affairs expressed a protest.", None
        ),
    ]
    out = with_twins(rows)
    assert [r["mt"] for r in out if r["family"]] == [bad, rows[2]["mt"]]
    assert sorted(r["id"] for r in out if r["family"] is None) == [
        "mlqe-pe.ru-en.train.1.clean",
        "mlqe-pe.ru-en.train.2.clean",
    ]


def test_split_keeps_a_source_and_its_twin_together_and_news_out_of_training() -> None:
    bad = "The Ministry of Foreign Cases expressed a protest."
    rows = [garbled(f"mlqe-pe.ru-en.train.{i}", bad, src=f"{SRC} {i}") for i in range(200)]
    rows += [garbled("wmt21.5", bad, src="Новость.")]
    parts = split_rows(rows, dev_share=0.2)
    assert {r["source_id"] for r in parts["news"]} == {"wmt21.5"}
    train_src = {r["src"] for r in parts["train"]}
    dev_src = {r["src"] for r in parts["dev"]}
    assert not train_src & dev_src
    assert 10 < len(dev_src) < 70  # about a fifth of 200 sources
    for part in parts.values():  # every garbled row has its twin in the same part
        ids = {r["source_id"] for r in part if r["family"] is None}
        assert {r["source_id"] for r in part} == ids


def test_dev_share_is_stable() -> None:
    assert in_dev_share(SRC, 0.5) == in_dev_share(SRC, 0.5)
    assert not in_dev_share(SRC, 0.0)
    assert in_dev_share(SRC, 1.0)


@pytest.mark.parametrize(
    ("tops", "share", "flagged"),
    [
        ([0.1] * 98 + [0.9, 0.8], 0.02, 2),
        ([0.1] * 98 + [0.9, 0.8], 0.01, 1),
        ([0.1] * 98 + [0.9, 0.8], 0.0, 0),
        ([0.5] * 100, 0.02, 0),  # ties: nothing may pass, so none is flagged
    ],
)
def test_gate_threshold_flags_at_most_the_share(
    tops: list[float], share: float, flagged: int
) -> None:
    t = gate_threshold(tops, share)
    assert sum(p >= t for p in tops) == flagged


def test_found_and_flagged_counts_per_family() -> None:
    families = ["wrong_sense", "wrong_sense", "calque", None, None]
    per, clean = found_and_flagged(
        families, [0.9, 0.2, 0.7, 0.0, 0.0], [0.9, 0.3, 0.7, 0.8, 0.1], 0.6
    )
    assert per == {"calque": (1, 1), "wrong_sense": (1, 2)}
    assert clean == 0.5
