"""Getting a model from the Hugging Face hub: `mtqa models pull`, and `--model` on a connected machine.

Before any hub call, a plain TCP connection to the hub is tried with a short timeout, so a machine
without internet gets a one-line error in seconds instead of the hub client's retry loop.
``MTQA_OFFLINE=1`` (or ``HF_HUB_OFFLINE=1``) skips even that attempt.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from mtqa.errors import ModelError

HUB_HOST = "huggingface.co"
PROBE_SECONDS = 3.0


def offline() -> bool:
    """Whether the environment forbids any network attempt."""
    flags = (os.environ.get("MTQA_OFFLINE", ""), os.environ.get("HF_HUB_OFFLINE", ""))
    return any(v.strip().lower() in ("1", "true", "yes", "on") for v in flags)


def hub_reachable(timeout: float = PROBE_SECONDS) -> bool:
    """One TCP connection to the hub on port 443, given up after ``timeout`` seconds."""
    if offline():
        return False
    try:
        with socket.create_connection((HUB_HOST, 443), timeout=timeout):
            return True
    except OSError:
        return False


def download(hub_id: str, to: Path | None = None) -> Path:
    """Download ``hub_id`` (torch weights only) into the hub cache, or a plain folder under ``to``."""
    if not hub_reachable():
        raise ModelError(f"could not download {hub_id}: the model hub is not reachable from here")
    try:
        from huggingface_hub import list_repo_files, snapshot_download
    except ImportError:
        from mtqa.deps import install_hint

        raise ModelError(
            f"downloading models needs huggingface_hub: {install_hint('neural')}"
        ) from None
    try:
        files = list_repo_files(hub_id)
        # Only what transformers on torch reads: skip TF/Flax weights, and .bin when safetensors exist.
        skip = ["*.h5", "*.msgpack", "*.ot", "*.onnx", "onnx/*", "rust_model*"]
        if any(f.endswith(".safetensors") for f in files):
            skip.append("*.bin")
        local_dir = None if to is None else to / hub_id.split("/")[-1]
        path = snapshot_download(hub_id, local_dir=local_dir, ignore_patterns=skip)
    except Exception as e:  # noqa: BLE001 - the hub client raises many kinds; all mean "could not download"
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ModelError(f"could not download {hub_id}: {first}") from None
    return Path(path)
