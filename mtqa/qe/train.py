"""Training and evaluation loops for :class:`mtqa.qe.model.QEModel` (used by scripts/train_qe.py)."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn

from mtqa.qe.data import IGNORE, Example
from mtqa.qe.model import QEModel


@dataclass
class TrainSettings:
    epochs: int = 3
    batch_size: int = 16
    lr: float = 1e-4
    head_lr: float = 1e-3
    layer_decay: float = 1.0  # each trained layer below the top: this factor of the one above
    weight_decay: float = 0.01
    warmup: float = 0.1
    word_weight: float = 1.0  # weight of the word loss next to the sentence MSE
    bad_weight: float = 2.0  # class weight of BAD in the word loss
    seed: int = 0
    log_every: int = 100
    # 0: no limit; else skip epochs that would end after it, and stop an epoch that reaches it
    # (the part-epoch is scored and kept like a whole one)
    max_seconds: float = 0.0
    checkpoint_every: int = 0  # steps between calls of train()'s on_checkpoint (0: never)
    extra: dict[str, Any] = field(default_factory=dict)


def collate(batch: Sequence[Example], pad_id: int, device: torch.device) -> dict[str, torch.Tensor]:
    width = max(len(e.input_ids) for e in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    labels = torch.full((len(batch), width), IGNORE, dtype=torch.long)
    for i, e in enumerate(batch):
        n = len(e.input_ids)
        ids[i, :n] = torch.tensor(e.input_ids)
        mask[i, :n] = 1
        labels[i, :n] = torch.tensor(e.labels)
    scores = torch.tensor([e.score if e.score is not None else math.nan for e in batch])
    weights = torch.tensor([e.weight for e in batch], dtype=torch.float)
    out = {
        "input_ids": ids,
        "attention_mask": mask,
        "labels": labels,
        "scores": scores,
        "weights": weights,
    }
    return {k: v.to(device) for k, v in out.items()}


def length_batches(examples: Sequence[Example], size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (less padding), in random order."""
    order = list(range(len(examples)))
    rng.shuffle(order)
    chunk = size * 50
    batches = []
    for c in range(0, len(order), chunk):
        part = sorted(order[c : c + chunk], key=lambda i: len(examples[i].input_ids))
        batches += [part[b : b + size] for b in range(0, len(part), size)]
    rng.shuffle(batches)
    return batches


def qe_loss(
    model: QEModel, batch: dict[str, torch.Tensor], settings: TrainSettings
) -> torch.Tensor:
    """Sentence MSE plus class-weighted word cross-entropy, each row counted by its weight.

    With every row weight 1 this is the plain mean MSE and torch's class-weighted mean
    cross-entropy.
    """
    pred, logits = model(batch["input_ids"], batch["attention_mask"])
    rows = batch["weights"] if "weights" in batch else torch.ones_like(pred)
    has_score = ~torch.isnan(batch["scores"])
    loss = torch.zeros((), device=pred.device)
    if has_score.any():
        err = (pred[has_score] - batch["scores"][has_score]) ** 2
        w = rows[has_score]
        loss = loss + (err * w).sum() / w.sum().clamp_min(1e-8)
    labels = batch["labels"]
    if (labels != IGNORE).any():
        per_token = nn.functional.cross_entropy(
            logits.reshape(-1, 2), labels.reshape(-1), ignore_index=IGNORE, reduction="none"
        ).reshape(labels.shape)
        class_w = torch.where(labels == 1, settings.bad_weight, 1.0) * (labels != IGNORE)
        w = class_w * rows[:, None]
        loss = loss + settings.word_weight * (per_token * w).sum() / w.sum().clamp_min(1e-8)
    return loss


def layer_groups(model: QEModel, settings: TrainSettings) -> list[dict[str, Any]]:
    """One optimiser group per trained encoder layer: the top layer at ``lr``, each one below
    it ``layer_decay`` times the one above (layer-wise learning-rate decay; 1.0: one rate)."""
    top = model.encoder.config.num_hidden_layers - 1
    groups = []
    for i in range(model.first_trained, top + 1):
        params = [p for p in model.encoder.encoder.layer[i].parameters() if p.requires_grad]
        groups.append({"params": params, "lr": settings.lr * settings.layer_decay ** (top - i)})
    return groups


def train(
    model: QEModel,
    examples: Sequence[Example],
    settings: TrainSettings,
    pad_id: int,
    device: torch.device,
    on_epoch: Callable[[int], None] | None = None,
    log: Callable[[str], None] = print,
    on_checkpoint: Callable[[int], None] | None = None,
) -> list[float]:
    """Train in place; returns the mean loss of each epoch."""
    rng = random.Random(settings.seed)
    torch.manual_seed(settings.seed)
    heads = [*model.sentence_head.parameters(), *model.word_head.parameters()]
    layers = [p for p in model.encoder.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(
        [*layer_groups(model, settings), {"params": heads, "lr": settings.head_lr}],
        weight_decay=settings.weight_decay,
    )
    steps_per_epoch = math.ceil(len(examples) / settings.batch_size)
    total = steps_per_epoch * settings.epochs
    warm = max(1, int(total * settings.warmup))

    def schedule(step: int) -> float:
        return (step + 1) / warm if step < warm else max(0.0, (total - step) / max(1, total - warm))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    epoch_losses = []
    start = time.time()
    step = 0
    for epoch in range(settings.epochs):
        elapsed = time.time() - start
        if settings.max_seconds and epoch and elapsed * (epoch + 1) / epoch > settings.max_seconds:
            log(f"stopping after {epoch} epochs: the next would pass the time limit")
            break
        model.train()
        losses = []
        cut = False
        for batch_idx in length_batches(examples, settings.batch_size, rng):
            if settings.max_seconds and time.time() - start > settings.max_seconds:
                log(f"time limit reached in epoch {epoch + 1} after {step} of {total} steps")
                cut = True
                break
            batch = collate([examples[i] for i in batch_idx], pad_id, device)
            loss = qe_loss(model, batch, settings)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(layers + heads, 1.0)
            optimizer.step()
            scheduler.step()
            losses.append(loss.item())
            step += 1
            if settings.log_every and step % settings.log_every == 0:
                log(
                    f"epoch {epoch + 1} step {step}/{total} loss {np.mean(losses[-settings.log_every :]):.4f}"
                    f" ({time.time() - start:.0f} s)"
                )
            if (
                on_checkpoint
                and settings.checkpoint_every
                and step % settings.checkpoint_every == 0
            ):
                on_checkpoint(step)
        epoch_losses.append(float(np.mean(losses)) if losses else math.nan)
        if on_epoch and losses:
            on_epoch(epoch + 1)
        if cut:
            break
    return epoch_losses


@torch.no_grad()
def predict(
    model: QEModel,
    examples: Sequence[Example],
    pad_id: int,
    device: torch.device,
    batch_size: int = 64,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """(sentence scores, per-example subword P(BAD)), in input order."""
    model.eval()
    order = sorted(range(len(examples)), key=lambda i: len(examples[i].input_ids))
    scores = np.zeros(len(examples), dtype=np.float32)
    probs: list[np.ndarray] = [np.zeros(0)] * len(examples)
    for b in range(0, len(order), batch_size):
        idx = order[b : b + batch_size]
        batch = collate([examples[i] for i in idx], pad_id, device)
        pred, logits = model(batch["input_ids"], batch["attention_mask"])
        p_bad = torch.softmax(logits.float(), -1)[..., 1].cpu().numpy()
        for j, i in enumerate(idx):
            scores[i] = float(pred[j])
            probs[i] = p_bad[j, : len(examples[i].input_ids)]
    return scores, probs


def word_probs(example: Example, subword_probs: np.ndarray) -> np.ndarray:
    """P(BAD) per official mt_tok token: max over its subwords (0 where none is aligned)."""
    out = np.zeros(len(example.tags), dtype=np.float32)
    for k, p in zip(example.word_index, subword_probs):
        if 0 <= k < len(out):
            out[k] = max(out[k], p)
    return out


def pearson(a: Sequence[float], b: Sequence[float]) -> float:
    x, y = np.asarray(a, np.float64), np.asarray(b, np.float64)
    x, y = x - x.mean(), y - y.mean()
    denom = math.sqrt(float((x * x).sum() * (y * y).sum()))
    return float((x * y).sum() / denom) if denom else 0.0


def mcc(gold: np.ndarray, pred: np.ndarray) -> float:
    gold, pred = gold.astype(bool), pred.astype(bool)
    tp = float(np.sum(gold & pred))
    tn = float(np.sum(~gold & ~pred))
    fp = float(np.sum(~gold & pred))
    fn = float(np.sum(gold & ~pred))
    denom = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / denom if denom else 0.0


def evaluate(
    examples: Sequence[Example], scores: np.ndarray, probs: Sequence[np.ndarray], threshold: float
) -> dict[str, float]:
    """Pearson with the gold score and word MCC at ``threshold`` on the official tags."""
    keep = [i for i, e in enumerate(examples) if e.score is not None]
    gold = [float(examples[i].score or 0.0) for i in keep]
    tags = np.concatenate([np.asarray(e.tags) for e in examples]) if examples else np.zeros(0)
    word = np.concatenate([word_probs(e, p) for e, p in zip(examples, probs)]) if examples else tags
    return {
        "pearson": pearson([scores[i] for i in keep], gold),
        "mcc": mcc(tags, word >= threshold),
        "n": float(len(examples)),
    }


def best_threshold(examples: Sequence[Example], probs: Sequence[np.ndarray]) -> float:
    """The P(BAD) threshold with the highest word MCC on ``examples`` (a dev set)."""
    tags = np.concatenate([np.asarray(e.tags) for e in examples])
    word = np.concatenate([word_probs(e, p) for e, p in zip(examples, probs)])
    grid = np.round(np.arange(0.1, 0.91, 0.025), 3)
    return float(max(grid, key=lambda t: mcc(tags, word >= t)))


def clean_flag_threshold(
    examples: Sequence[Example], probs: Sequence[np.ndarray], max_clean_flagged: float = 0.08
) -> tuple[float, float]:
    """A P(BAD) threshold for precision: the best word MCC among the thresholds that flag at most
    ``max_clean_flagged`` of the clean sentences (no BAD tag) of ``examples`` (a dev set).

    Returns (threshold, share of clean sentences flagged at it); where no threshold of the grid
    is that strict, the strictest one.
    """
    tags = np.concatenate([np.asarray(e.tags) for e in examples])
    word = [word_probs(e, p) for e, p in zip(examples, probs)]
    flat = np.concatenate(word)
    clean = [w for e, w in zip(examples, word) if e.tags and not any(e.tags)]
    top = np.array([w.max() if len(w) else 0.0 for w in clean])
    grid = np.round(np.arange(0.1, 0.991, 0.025), 3)

    def flagged(t: float) -> float:
        return float((top >= t).mean()) if len(top) else 0.0

    feasible = [t for t in grid if flagged(t) <= max_clean_flagged]
    if not feasible:
        return float(grid[-1]), flagged(float(grid[-1]))
    best = max(feasible, key=lambda t: (mcc(tags, flat >= t), -t))
    return float(best), flagged(float(best))
