"""Turning what the user names (alias, hub id or folder) into a model folder on this machine.

Resolution never imports torch. A hub id is looked up in the local Hugging Face cache; only when
the caller allows it (``mtqa check --model``) is a missing model downloaded, and only after a quick
reachability probe, so an offline machine fails within seconds with a message saying how to get it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqa.errors import ModelError
from mtqa.models.aliases import ALIASES, MBART50_CODES, NLLB_CODES, ModelKind

_WEIGHT_SUFFIXES = (".safetensors", ".bin")


@dataclass(frozen=True)
class ModelRef:
    """A model present on this machine: where it is, what kind it is, and which version."""

    name: str  # what the user wrote (alias, hub id, folder), languages filled in
    path: Path  # a folder with config.json
    kind: ModelKind
    revision: str  # hub commit, or a fingerprint of the folder's files
    # How the model names languages: None for one-pair models (Marian), else "nllb", "m2m100", "mbart50".
    lang_codes: str | None = None

    @property
    def signature(self) -> str:
        return f"{self.name}@{self.revision[:12]}"

    def lang_code(self, lang: str) -> str:
        """The model's own code for an ISO language code (multilingual models only)."""
        if self.lang_codes == "nllb":
            table = NLLB_CODES
        elif self.lang_codes == "mbart50":
            table = MBART50_CODES
        else:
            return lang
        if lang not in table:
            raise ModelError(f"model {self.name} has no code for language {lang!r} in mtqa's table")
        return table[lang]


def fill_languages(name: str, src: str, tgt: str) -> str:
    """Expand an alias or a ``{src}``/``{tgt}`` template to a hub id or folder for one direction."""
    alias = ALIASES.get(name)
    target = alias.hub_id if alias else name
    return target.replace("{src}", src).replace("{tgt}", tgt)


def is_per_pair(name: str) -> bool:
    """Whether ``name`` names one model per direction (so the reverse direction is another model)."""
    alias = ALIASES.get(name)
    return alias.per_pair if alias else ("{src}" in name or "{tgt}" in name)


def hub_cache_dir() -> Path:
    from mtqa.deps import require

    # Light: huggingface_hub.constants imports no HTTP client.
    constants = require("huggingface_hub.constants", "neural", "finding models")
    return Path(constants.HF_HUB_CACHE)


def cached_snapshot(hub_id: str) -> tuple[Path, str] | None:
    """The local snapshot folder and commit of ``hub_id`` in the Hugging Face cache, if complete."""
    repo = hub_cache_dir() / ("models--" + hub_id.replace("/", "--"))
    ref = repo / "refs" / "main"
    commits = [ref.read_text().strip()] if ref.is_file() else []
    snapshots = repo / "snapshots"
    if snapshots.is_dir():
        commits += sorted(p.name for p in snapshots.iterdir() if p.name not in commits)
    for commit in commits:
        folder = snapshots / commit
        if (folder / "config.json").is_file() and _has_weights(folder):
            return folder, commit
    return None


def _has_weights(folder: Path) -> bool:
    return any(p.name.endswith(_WEIGHT_SUFFIXES) for p in folder.iterdir())


def folder_fingerprint(folder: Path) -> str:
    """A content hash of config and weights: sizes plus the first and last 64 KiB of each file."""
    h = hashlib.sha256((folder / "config.json").read_bytes())
    for p in sorted(folder.iterdir()):
        if p.name.endswith(_WEIGHT_SUFFIXES) or p.suffix in (".spm", ".model", ".json"):
            size = p.stat().st_size
            h.update(f"{p.name}:{size}".encode())
            with open(p, "rb") as f:
                h.update(f.read(65536))
                if size > 65536:
                    f.seek(max(65536, size - 65536))
                    h.update(f.read())
    return h.hexdigest()


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def describe_folder(folder: Path) -> tuple[ModelKind, str | None]:
    """Kind of model in ``folder`` (from config.json) and its language-code family."""
    config = _read_json(folder / "config.json")
    kind: ModelKind = "seq2seq" if config.get("is_encoder_decoder") else "causal"
    tok_class = str(_read_json(folder / "tokenizer_config.json").get("tokenizer_class", ""))
    model_type = str(config.get("model_type", ""))
    codes: str | None = None
    if "Nllb" in tok_class:
        codes = "nllb"
    elif "MBart50" in tok_class or (model_type == "mbart" and "50" in tok_class):
        codes = "mbart50"
    elif model_type == "m2m_100":
        codes = "m2m100"
    return kind, codes


def _looks_like_path(name: str) -> bool:
    return name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name


def missing_message(name: str, target: str, probed: bool = False) -> str:
    pull = name if name in ALIASES or "{" in name else target
    folder = (
        fill_languages(name, "{src}", "{tgt}").split("/")[-1]
        if is_per_pair(name)
        else target.split("/")[-1]
    )
    return (
        f"model {target} is not on this machine"
        + (" and the model hub is not reachable" if probed else "")
        + "; "
        f"on a machine with internet run `mtqa models pull {pull} --to DIR`, copy DIR here "
        f"and pass --model DIR/{folder}"
    )


def resolve(name: str, src: str = "ru", tgt: str = "en", *, download: bool = False) -> ModelRef:
    """Find ``name`` (alias, hub id, folder, or a template with {src}/{tgt}) on this machine.

    A hub id that is not in the local cache is downloaded when ``download`` is true and the hub is
    reachable; otherwise :class:`ModelError` is raised at once.
    """
    if not name.strip():
        raise ModelError("empty model name")
    target = fill_languages(name, src, tgt)
    folder = Path(target).expanduser()
    if folder.is_dir():
        if not (folder / "config.json").is_file():
            raise ModelError(f"{target} is a folder but not a model folder (no config.json)")
        if not _has_weights(folder):
            raise ModelError(f"model folder {target} has no weights (*.safetensors or *.bin)")
        kind, codes = describe_folder(folder)
        return ModelRef(str(folder), folder.resolve(), kind, folder_fingerprint(folder), codes)
    if _looks_like_path(target):
        raise ModelError(f"no model folder {target}")
    found = cached_snapshot(target)
    if found is None and download:
        from mtqa.models.download import download as fetch, hub_reachable

        if hub_reachable():
            fetch(target)
            found = cached_snapshot(target)
    if found is None:
        raise ModelError(missing_message(name, target, probed=download))
    snapshot, commit = found
    kind, codes = describe_folder(snapshot)
    return ModelRef(target, snapshot, kind, commit, codes)
