"""Training lowers the loss; deltas round-trip; inference is deterministic and batch-independent."""

from __future__ import annotations

import random

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("sentencepiece")

from mtqa.qe.data import IGNORE, Example, encode_row, map_tokens
from mtqa.qe.model import QEModel, apply_delta, read_delta, round_trip, save_delta
from mtqa.qe.train import TrainSettings, collate, evaluate, mcc, predict, qe_loss, train


def tiny_bert(layers: int = 2, seed: int = 0):
    from transformers import BertConfig, BertModel

    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=40,
        hidden_size=32,
        num_hidden_layers=layers,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
        pad_token_id=1,
    )
    return BertModel(config, add_pooling_layer=False)


def synthetic_examples(n: int, seed: int = 0) -> list[Example]:
    """Score and tags that depend on the tokens: token 7 is a BAD word and lowers the score."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = [rng.choice([5, 6, 7, 8, 9]) for _ in range(rng.randint(3, 9))]
        ids = [0, *words, 2]
        tags = [int(w == 7) for w in words]
        out.append(
            Example(
                id=str(i),
                pair="xx-en",
                split="train",
                input_ids=ids,
                labels=[IGNORE, *tags, IGNORE],
                word_index=[-1, *range(len(words)), -1],
                score=1.0 - 2.0 * sum(tags) / len(tags),
                tags=tags,
            )
        )
    return out


def test_a_few_training_steps_lower_the_loss() -> None:
    model = QEModel(tiny_bert(), trained_layers=1)
    data = synthetic_examples(32)
    batch = collate(data, 1, torch.device("cpu"))
    settings = TrainSettings(epochs=4, batch_size=8, lr=3e-3, head_lr=3e-3, log_every=0, warmup=0.0)
    model.eval()
    with torch.no_grad():
        before = qe_loss(model, batch, settings).item()
    losses = train(model, data, settings, pad_id=1, device=torch.device("cpu"), log=lambda _: None)
    model.eval()
    with torch.no_grad():
        after = qe_loss(model, batch, settings).item()
    assert after < 0.7 * before
    assert losses[-1] < losses[0]


def test_only_the_top_layers_and_heads_train() -> None:
    base = tiny_bert(layers=3)
    frozen = {k: v.clone() for k, v in base.state_dict().items()}
    model = QEModel(base, trained_layers=1)
    train(
        model,
        synthetic_examples(16),
        TrainSettings(epochs=1, batch_size=4, lr=1e-2, log_every=0),
        pad_id=1,
        device=torch.device("cpu"),
        log=lambda _: None,
    )
    after = base.state_dict()
    changed = {k for k in frozen if not torch.equal(frozen[k], after[k])}
    assert changed and all(k.startswith("encoder.layer.2.") for k in changed)


def test_delta_round_trip_reproduces_predictions(tmp_path) -> None:
    model = QEModel(tiny_bert(seed=1), trained_layers=1)
    train(
        model,
        synthetic_examples(32),
        TrainSettings(epochs=1, batch_size=8, log_every=0),
        pad_id=1,
        device=torch.device("cpu"),
        log=lambda _: None,
    )
    round_trip(model)
    save_delta(model, tmp_path / "d.safetensors", {"variant": "full", "threshold": 0.5})
    tensors, meta = read_delta(tmp_path / "d.safetensors")
    assert meta["threshold"] == 0.5
    fresh = QEModel(tiny_bert(seed=1), trained_layers=1)  # same base, untrained heads
    apply_delta(fresh, tensors)
    data = synthetic_examples(10, seed=3)
    s1, p1 = predict(model, data, 1, torch.device("cpu"))
    s2, p2 = predict(fresh, data, 1, torch.device("cpu"))
    assert np.allclose(s1, s2, atol=1e-5)
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(p1, p2))


def test_scores_do_not_depend_on_batch_size_or_order() -> None:
    model = QEModel(tiny_bert(seed=2), trained_layers=1)
    data = synthetic_examples(12, seed=5)
    s1, p1 = predict(model, data, 1, torch.device("cpu"), batch_size=1)
    s2, p2 = predict(model, data, 1, torch.device("cpu"), batch_size=5)
    s3, _ = predict(model, data[::-1], 1, torch.device("cpu"), batch_size=12)
    assert np.allclose(s1, s2, atol=1e-5) and np.allclose(s1, s3[::-1], atol=1e-5)
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(p1, p2))
    again, _ = predict(model, data, 1, torch.device("cpu"), batch_size=5)
    assert np.array_equal(s2, again)


@pytest.mark.parametrize(
    "text, tokens, expected",
    [
        (
            "He hadn't said.",
            ["He", "hadn", "'t", "said", "."],
            [(0, 2), (3, 7), (7, 9), (10, 14), (14, 15)],
        ),
        ("A & B", ["A", "&amp;", "B"], [(0, 1), (2, 3), (4, 5)]),
        ("x-y", ["x", "@-@", "y"], [(0, 1), (1, 2), (2, 3)]),
        ("abc", ["zzz"], [None]),
    ],
)
def test_official_tokens_are_located_in_the_text(text, tokens, expected) -> None:
    assert map_tokens(text, tokens) == expected


def test_encode_row_labels_only_mt_subwords(tiny_file) -> None:
    from mtqa.qe.base import build_tokenizer
    from mtqa.qe.e5file import read_e5_file

    tok = build_tokenizer(read_e5_file(tiny_file))
    row = {
        "id": "r",
        "lang_pair": "xx-en",
        "split": "dev",
        "src": "a cat",
        "mt": "the cats sat",
        "mt_tok": "the cats sat",
        "mt_tags": "OK BAD OK",
        "score": 0.1,
    }
    full = encode_row(row, tok, 64, with_src=True)
    target = encode_row(row, tok, 64, with_src=False)
    for ex in (full, target):
        labelled = [(w, lab) for w, lab in zip(ex.word_index, ex.labels) if lab != IGNORE]
        assert {w for w, _ in labelled} == {0, 1, 2}
        assert all(lab == (1 if w == 1 else 0) for w, lab in labelled)
    assert len(full.input_ids) > len(target.input_ids)


def test_metrics() -> None:
    gold = np.array([1, 0, 1, 0, 1])
    assert mcc(gold, gold) == pytest.approx(1.0)
    assert mcc(gold, 1 - gold) == pytest.approx(-1.0)
    assert mcc(gold, np.zeros(5)) == 0.0
    data = synthetic_examples(6)
    probs = [np.array([0.0] + [float(t) for t in e.tags] + [0.0]) for e in data]
    result = evaluate(data, np.array([e.score for e in data]), probs, threshold=0.5)
    assert result["pearson"] == pytest.approx(1.0) and result["mcc"] == pytest.approx(1.0)


def test_every_layer_can_train_and_round_trips(tmp_path) -> None:
    """A delta of all the encoder's layers (embeddings still frozen) saves and loads whole."""
    base = tiny_bert(layers=3, seed=4)
    before = {k: v.clone() for k, v in base.state_dict().items()}
    model = QEModel(base, trained_layers=3)
    train(
        model,
        synthetic_examples(16),
        TrainSettings(epochs=1, batch_size=4, lr=1e-2, layer_decay=0.5, log_every=0),
        pad_id=1,
        device=torch.device("cpu"),
        log=lambda _: None,
    )
    after = base.state_dict()
    changed = {k for k in before if not torch.equal(before[k], after[k])}
    assert not any(k.startswith("embeddings.") for k in changed)
    assert {k.split(".")[2] for k in changed} == {"0", "1", "2"}
    round_trip(model)
    save_delta(model, tmp_path / "d.safetensors", {"variant": "full", "trained_layers": 3})
    tensors, meta = read_delta(tmp_path / "d.safetensors")
    assert meta["trained_layers"] == 3
    assert {k.split(".")[2] for k in tensors if k.startswith("encoder.")} == {"0", "1", "2"}
    fresh = QEModel(tiny_bert(layers=3, seed=4), trained_layers=3)
    apply_delta(fresh, tensors)
    data = synthetic_examples(10, seed=3)
    s1, _ = predict(model, data, 1, torch.device("cpu"))
    s2, _ = predict(fresh, data, 1, torch.device("cpu"))
    assert np.allclose(s1, s2, atol=1e-5)


@pytest.mark.parametrize(
    "trained, decay, expected",
    [
        (1, 0.5, [1e-3]),
        (3, 1.0, [1e-3, 1e-3, 1e-3]),
        (3, 0.5, [2.5e-4, 5e-4, 1e-3]),  # bottom trained layer first
        (2, 0.8, [8e-4, 1e-3]),
    ],
)
def test_layer_wise_learning_rates(trained: int, decay: float, expected: list[float]) -> None:
    from mtqa.qe.train import layer_groups

    model = QEModel(tiny_bert(layers=3), trained_layers=trained)
    groups = layer_groups(model, TrainSettings(lr=1e-3, layer_decay=decay))
    assert [g["lr"] for g in groups] == pytest.approx(expected)
    first = 3 - trained
    for i, g in enumerate(groups):
        assert g["params"] == list(model.encoder.encoder.layer[first + i].parameters())


def test_a_time_limit_stops_inside_an_epoch_and_keeps_the_part(monkeypatch) -> None:
    """An epoch that reaches max_seconds ends there; the part-epoch is still scored once."""
    import mtqa.qe.train as train_module

    clock = iter(range(10_000))
    monkeypatch.setattr(train_module.time, "time", lambda: float(next(clock)))
    model = QEModel(tiny_bert(seed=5), trained_layers=1)
    head = model.word_head[1].weight.detach().clone()
    seen: list[int] = []
    logged: list[str] = []
    losses = train(
        model,
        synthetic_examples(64),  # 16 steps an epoch, 48 in all
        TrainSettings(epochs=3, batch_size=4, lr=1e-3, log_every=0, max_seconds=6.5),
        pad_id=1,
        device=torch.device("cpu"),
        on_epoch=seen.append,
        log=logged.append,
    )
    assert seen == [1] and len(losses) == 1
    assert any("time limit reached in epoch 1" in line for line in logged)
    assert not torch.equal(head, model.word_head[1].weight)
