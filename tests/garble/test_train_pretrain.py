"""scripts/train_qe.py end to end on a tiny model and tiny data: pretraining, then fine-tuning."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("sentencepiece")

from mtqa.qe.data import Example
from mtqa.qe.train import clean_flag_threshold
from tests.qe.qe_fixtures import tiny_e5

ROOT = Path(__file__).resolve().parents[2]
SENTENCES = ["the cat sat on a mat .", "a cat sat .", "the mat sat on the cat .", "a fine café ."]


def _script():
    spec = importlib.util.spec_from_file_location("train_qe", ROOT / "scripts" / "train_qe.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(id_: str, split: str, mt: str, bad: set[int], score: float | None, **extra) -> dict:
    toks = mt.split()
    return {
        "id": id_,
        "lang_pair": "ru-en",
        "split": split,
        "src": "кот сидел",
        "mt": mt,
        "score": score,
        "mt_tok": mt,
        "mt_tags": " ".join("BAD" if i in bad else "OK" for i in range(len(toks))),
        **extra,
    }


def _write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )


@pytest.fixture
def tiny_setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    from mtqa.qe.e5file import write_e5_file

    base = tmp_path / "tiny.bin"
    write_e5_file(base, tiny_e5()[0])
    data = tmp_path / "data"

    def rows(split: str, n: int) -> list:
        return [
            _row(f"{split}.{i}", split, SENTENCES[i % 4], {1} if i % 2 else set(), float(i % 3) - 1)
            for i in range(n)
        ]

    _write(data / "train" / "mlqe_pe_ru-en.train.part1.jsonl", rows("train", 12))
    _write(
        data / "eval" / "mlqe_pe_ru-en.jsonl",
        rows("dev", 8) + rows("test20", 4) + rows("test21", 4),
    )
    pretrain = tmp_path / "synthetic.jsonl"
    _write(
        pretrain,
        [_row(f"syn.{i}", "synthetic", SENTENCES[i % 4], {2}, None) for i in range(6)]
        + [_row(f"ps.{i}", "pseudo", SENTENCES[i % 4], {0}, 0.5, weight=0.3) for i in range(6)],
    )
    return base, data, pretrain


def _args(base: Path, data: Path, out: Path, *extra: str) -> list[str]:
    return [
        "--base",
        str(base),
        "--data",
        str(data),
        "--out",
        str(out),
        "--max-len",
        "24",
        "--trained-layers",
        "1",
        "--epochs",
        "1",
        "--batch-size",
        "4",
        "--device",
        "cpu",
        "--threads",
        "1",
        *extra,
    ]


def test_pretraining_then_fine_tuning_writes_a_model_and_metrics(tiny_setup, tmp_path) -> None:
    base, data, pretrain = tiny_setup
    out = tmp_path / "out"
    code = _script().main(
        _args(
            base,
            data,
            out,
            "--pretrain",
            str(pretrain),
            "--pretrain-epochs",
            "2",
            "--max-clean-flagged",
            "0.25",
        )
    )
    assert code == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["pretrain_rows"] == 12 and metrics["pretrain_epochs"] == 2
    assert len(metrics["pretrain_losses"]) == 2 and all(np.isfinite(metrics["pretrain_losses"]))
    assert metrics["train_rows"] == 12
    assert metrics["history"][0]["dev_clean_flagged"] <= 0.25 or metrics["threshold"] == 0.975
    assert (out / "qe-full.safetensors").exists()


def test_pretraining_refuses_rows_of_a_held_out_split(tiny_setup, tmp_path) -> None:
    base, data, _ = tiny_setup
    leak = tmp_path / "leak.jsonl"
    _write(leak, [_row("t.1", "synthetic-test", SENTENCES[0], {1}, None)])
    with pytest.raises(SystemExit, match="held-out split"):
        _script().main(_args(base, data, tmp_path / "o", "--pretrain", str(leak)))


def _example(tags: list[int]) -> Example:
    return Example(
        "x", "ru-en", "dev", [0] * len(tags), [0] * len(tags), list(range(len(tags))), None, tags
    )


def test_clean_flag_threshold_keeps_clean_sentences_unflagged() -> None:
    # Two clean sentences whose top P(BAD) is 0.5 and 0.3; the bad words sit at 0.6 and 0.9.
    examples = [_example([0, 0]), _example([0, 0]), _example([1, 0]), _example([0, 1])]
    probs = [np.array([0.5, 0.1]), np.array([0.3, 0.2]), np.array([0.6, 0.2]), np.array([0.1, 0.9])]
    threshold, share = clean_flag_threshold(examples, probs, max_clean_flagged=0.0)
    assert 0.5 < threshold <= 0.6 and share == 0.0
    threshold, share = clean_flag_threshold(examples, probs, max_clean_flagged=0.5)
    assert share <= 0.5 and threshold <= 0.6


def test_row_weight_scales_the_loss() -> None:
    from mtqa.qe.train import TrainSettings, qe_loss

    class Fixed(torch.nn.Module):
        def forward(self, ids, mask):
            logits = torch.zeros(ids.shape[0], ids.shape[1], 2)
            logits[0, :, 1] = 5.0  # row 0 predicts BAD everywhere, row 1 is unsure
            return torch.zeros(ids.shape[0]), logits

    batch = {
        "input_ids": torch.zeros(2, 2, dtype=torch.long),
        "attention_mask": torch.ones(2, 2, dtype=torch.long),
        "labels": torch.zeros(2, 2, dtype=torch.long),
        "scores": torch.tensor([float("nan"), float("nan")]),
    }
    settings = TrainSettings()
    plain = qe_loss(Fixed(), {**batch, "weights": torch.tensor([1.0, 1.0])}, settings)
    down = qe_loss(Fixed(), {**batch, "weights": torch.tensor([0.1, 1.0])}, settings)
    assert plain == pytest.approx(qe_loss(Fixed(), batch, settings))
    assert down < plain  # the badly predicted row counts less


def test_prepared_data_keeps_the_pretraining_rows_and_their_weights(tiny_setup, tmp_path) -> None:
    base, data, pretrain = tiny_setup
    script = _script()
    prepared = tmp_path / "prepared"
    args = _args(base, data, tmp_path / "unused", "--pretrain", str(pretrain))
    assert script.main([*args, "--save-prepared", str(prepared)]) == 0
    encoded, _ = script.load_prepared(prepared / "examples.npz")
    weights = sorted({round(e.weight, 3) for e in encoded["full"]["pretrain"]})
    assert weights == [0.3, 1.0] and len(encoded["target"]["pretrain"]) == 12
    out = tmp_path / "out"
    args = _args(base, data, out, "--prepared", str(prepared))
    assert script.main([a for a in args if a != str(base) and a != "--base"]) == 0
    assert json.loads((out / "metrics.json").read_text())["pretrain_rows"] == 12


def test_extra_fine_tuning_rows_news_dev_checkpoints_and_rethreshold(tiny_setup, tmp_path) -> None:
    base, data, pretrain = tiny_setup
    # pseudo rows of two sources; a share of 0.999 holds (almost surely) both out as news dev
    news = tmp_path / "news.jsonl"
    _write(
        news,
        [
            _row(f"n.{i}", "pseudo", SENTENCES[i % 4], {1}, 0.1 * i, src=f"источник {i % 2}")
            for i in range(8)
        ],
    )
    out = tmp_path / "out"
    script = _script()
    args = _args(base, data, out, "--pretrain", str(pretrain))
    code = script.main([*args, "--finetune-extra", f"{news}:3:sentence"])
    assert code == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["train_rows"] == 12 + 3  # a seeded sample of 3 extra rows
    assert sorted(p.name for p in (out / "checkpoints").iterdir()) == [
        "epoch-1.safetensors",
        "pretrained.safetensors",
    ]
    # the news sources held out: their rows leave pretraining and fine-tuning, and become dev
    out2 = tmp_path / "out2"
    args2 = _args(base, data, out2, "--pretrain", str(pretrain), str(news))
    code = script.main([*args2, "--finetune-extra", str(news), "--news-dev-share", "0.999"])
    assert code == 0
    metrics = json.loads((out2 / "metrics.json").read_text())
    # news dev: the 8 news rows and the 6 pseudo rows of the pretraining file (once each); the
    # synthetic rows share the pseudo rows' source, so they leave pretraining too
    assert metrics["news_dev_rows"] == 14 and metrics["train_rows"] == 12
    assert metrics["pretrain_rows"] == 0 and "dev.news" in metrics["history"][0]
    # a saved delta gets its threshold chosen on ru-en dev again, and keeps its weights
    from mtqa.qe.model import read_delta

    again = tmp_path / "again.safetensors"
    code = script.main(
        [
            *_args(base, data, tmp_path / "o3"),
            "--eval-only",
            str(out / "qe-full.safetensors"),
            "--rethreshold",
            str(again),
        ]
    )
    assert code == 0
    before, _meta_before = read_delta(out / "qe-full.safetensors")
    after, meta_after = read_delta(again)
    assert set(before) == set(after)
    assert all(torch.equal(before[k], after[k]) for k in before)
    assert 0.1 <= meta_after["threshold"] <= 0.9 and "ru-en.test20" in meta_after["results"]


def test_sentence_only_rows_train_the_score_not_the_words(tiny_setup) -> None:
    script = _script()
    e = Example("x", "ru-en", "pseudo", [0, 5, 6], [-100, 1, 0], [-1, 0, 1], 0.4, [1, 0], 0.3)
    (only,) = script.sentence_only([e])
    assert only.labels == [-100, -100, -100] and only.tags == [] and only.weight == 1.0
    assert only.score == 0.4 and only.input_ids == e.input_ids


def test_finetune_extra_spec_is_parsed_or_refused() -> None:
    script = _script()
    assert script.parse_extra("a.jsonl:1500:sentence") == (Path("a.jsonl"), 1500, True)
    assert script.parse_extra("a.jsonl") == (Path("a.jsonl"), 0, False)
    with pytest.raises(SystemExit, match="PATH"):
        script.parse_extra("a.jsonl:many")
