"""The QE model: the e5 encoder with a sentence-score head and an OK/BAD subword head.

Input ``<s> src </s></s> mt </s>`` (or ``<s> mt </s>`` for the target-only variant). The
sentence head reads the mean of the final hidden states over non-padding tokens (how e5 was
trained to pool) and predicts the DA z-score; the word head gives each subword P(BAD).

Only the top ``trained_layers`` encoder layers and the heads are trained; everything below is
the base model unchanged, so the shipped weights are a small *delta*: those layers and the heads
(:func:`delta_state` / :func:`apply_delta`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch
from torch import nn

from mtqa.qe.delta import DELTA_FORMAT, read_delta_arrays, unpack


class QEModel(nn.Module):
    encoder: Any  # a transformers BertModel (untyped attribute access below)

    def __init__(self, encoder: nn.Module, trained_layers: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        hidden = int(self.encoder.config.hidden_size)
        self.trained_layers = trained_layers
        self.sentence_head = nn.Sequential(
            nn.Dropout(dropout),
            nn.Linear(hidden, hidden),
            nn.Tanh(),
            nn.Dropout(dropout),
            nn.Linear(hidden, 1),
        )
        self.word_head = nn.Sequential(nn.Dropout(dropout), nn.Linear(hidden, 2))
        self.freeze_base()

    @property
    def first_trained(self) -> int:
        return self.encoder.config.num_hidden_layers - self.trained_layers

    def freeze_base(self) -> None:
        for p in self.encoder.parameters():
            p.requires_grad_(False)
        for layer in self.encoder.encoder.layer[self.first_trained :]:
            for p in layer.parameters():
                p.requires_grad_(True)

    def train(self, mode: bool = True) -> QEModel:
        super().train(mode)
        # Frozen layers stay deterministic (no dropout): they are the base model, not trained.
        self.encoder.embeddings.eval()
        for layer in self.encoder.encoder.layer[: self.first_trained]:
            layer.eval()
        return self

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """(sentence scores [B], BAD logits [B, T, 2])."""
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.sentence_head(pooled).squeeze(-1), self.word_head(hidden)


def delta_state(model: QEModel) -> dict[str, torch.Tensor]:
    """The trained part: top encoder layers (renumbered from their real index) and the heads."""
    state: dict[str, torch.Tensor] = {}
    for i in range(model.first_trained, model.encoder.config.num_hidden_layers):
        for k, v in model.encoder.encoder.layer[i].state_dict().items():
            state[f"encoder.layer.{i}.{k}"] = v
    for k, v in model.sentence_head.state_dict().items():
        state[f"sentence_head.{k}"] = v
    for k, v in model.word_head.state_dict().items():
        state[f"word_head.{k}"] = v
    return state


def _quantize_rows(w: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-row symmetric int8: (int8 weights, fp16 scales)."""
    scale = (w.abs().amax(dim=1, keepdim=True) / 127.0).clamp(min=1e-12).to(torch.float16)
    q = torch.clamp(torch.round(w / scale.float()), -127, 127).to(torch.int8)
    return q, scale


def _packed(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Matrices as int8 rows + fp16 scales (``.q``/``.scale``), everything else fp16."""
    out: dict[str, torch.Tensor] = {}
    for k, v in state.items():
        v = v.detach().to("cpu", torch.float32)
        if v.dim() == 2 and k.startswith("encoder."):
            out[k + ".q"], out[k + ".scale"] = _quantize_rows(v)
        else:
            out[k] = v.to(torch.float16)
    return {k: t.contiguous() for k, t in out.items()}


def save_delta(model: QEModel, path: Path, meta: dict[str, Any]) -> None:
    """Write the delta (int8 matrices, fp16 rest) as safetensors with ``meta`` in the header."""
    from safetensors.torch import save_file

    header = {"format": DELTA_FORMAT, "meta": json.dumps(meta, sort_keys=True)}
    save_file(_packed(delta_state(model)), str(path), metadata=header)


def read_delta(path: Path) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """(float32 delta tensors, meta) from a file written by :func:`save_delta`."""
    arrays, meta = read_delta_arrays(path)
    return {k: torch.from_numpy(v) for k, v in arrays.items()}, meta


def apply_delta(model: QEModel, tensors: dict[str, torch.Tensor]) -> None:
    """Load a delta into ``model`` (which must have the same trained_layers)."""
    heads = {"sentence_head": model.sentence_head, "word_head": model.word_head}
    layers: dict[int, dict[str, torch.Tensor]] = {}
    parts: dict[str, dict[str, torch.Tensor]] = {name: {} for name in heads}
    for key, value in tensors.items():
        if key.startswith("encoder.layer."):
            number, _, rest = key[len("encoder.layer.") :].partition(".")
            layers.setdefault(int(number), {})[rest] = value
        else:
            name, _, rest = key.partition(".")
            parts[name][rest] = value
    for index, state in layers.items():
        model.encoder.encoder.layer[index].load_state_dict(state)
    for name, module in heads.items():
        module.load_state_dict(parts[name])


def round_trip(model: QEModel) -> None:
    """Make the in-memory trained weights equal to what :func:`save_delta` stores."""
    state = delta_state(model)
    restored = unpack({k: t.numpy() for k, t in _packed(state).items()})
    with torch.no_grad():
        for k, v in state.items():
            v.copy_(torch.from_numpy(restored[k]).to(v.device, v.dtype))
