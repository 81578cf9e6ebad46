"""Optional dependencies: import one, or say in one line which extra installs it."""

from __future__ import annotations

import importlib
from types import ModuleType

from mtqa.errors import MtqaError


class MissingDependency(MtqaError):
    """An optional package a feature needs is not installed."""


def install_hint(extra: str) -> str:
    """How to install an extra of mtqa, which is installed from its repository, not an index."""
    return f"pip install '.[{extra}]' in a clone of the mtqa repository"


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingDependency` naming what to install.

    ``feature`` says what needs it ("reading feeds"); ``extra`` is mtqa's extra that installs it.
    """
    try:
        return importlib.import_module(module)
    except ImportError as e:
        missing = (e.name or module).split(".")[0]  # the package to install, not a submodule
        raise MissingDependency(
            f"{feature} needs the Python package {missing!r}, which is not installed: "
            f"{install_hint(extra)}"
        ) from None
