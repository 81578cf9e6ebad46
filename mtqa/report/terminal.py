"""The readable terminal report: each sentence with its flagged phrases highlighted."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from mtqa.report.spans import groups, markable
from mtqa.types import SEVERITY_RANK, DocumentResult, SentenceResult

STYLES = {"minor": "yellow underline", "major": "bold dark_orange", "critical": "bold white on red"}
# Without colour, flagged phrases are bracketed so they stay visible in logs and pipes.
MARKS = {"minor": ("[", "]"), "major": ("[[", "]]"), "critical": ("[[[", "]]]")}


# Line breaks inside a sentence (one wrapped over lines in the article) are shown as spaces, so
# each sentence stays in its indented block; one character for one, so flag offsets still fit.
_BREAKS = str.maketrans(dict.fromkeys("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "))


def one_line(text: str) -> str:
    return text.translate(_BREAKS)


def quality_style(q: float) -> str:
    return "green" if q >= 80 else "yellow" if q >= 60 else "red"


def bar(q: float, width: int = 10) -> str:
    filled = round(q / 100 * width)
    return "█" * filled + "░" * (width - filled)


def highlighted(s: SentenceResult, color: bool) -> Text:
    """The sentence with every flag visible: overlapping flags are styled (colour) or bracketed
    (no colour) as one stretch, their union, at the most severe flag's level."""
    mt = one_line(s.segment.mt)
    if color:
        text = Text(mt)
        # Least severe first, so where flags overlap the more severe style is applied last.
        for f in sorted(markable(s.flags, len(mt)), key=lambda f: SEVERITY_RANK[f.severity]):
            text.stylize(STYLES[f.severity], f.start, f.end)
        return text
    out, pos = [], 0
    for g in groups(s.flags, len(mt)):
        left, right = MARKS[g.severity]
        out += [mt[pos : g.start], left, mt[g.start : g.end], right]
        pos = g.end
    out.append(mt[pos:])
    return Text("".join(out))


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def write_terminal(doc: DocumentResult, out: TextIO, *, color: bool | None = None) -> None:
    # Only a terminal gets lines wrapped to its width; a file or pipe gets each line whole.
    to_terminal = bool(getattr(out, "isatty", lambda: False)())
    console = Console(
        file=out,
        force_terminal=color,
        no_color=color is False,
        highlight=False,
        soft_wrap=not to_terminal,
    )
    use_color = console.is_terminal and not console.no_color
    summary = doc.summary
    q = summary.get("quality")
    head = Text("Document quality ", style="bold")
    if q is not None:
        head.append(f"{q:.1f}/100 ", style=quality_style(q))
        head.append(bar(q, 20), style=quality_style(q))
    counts = summary.get("flags", {})
    head.append(
        f"\n{plural(summary.get('sentences', 0), 'sentence')}, {summary.get('flagged_sentences', 0)} flagged"
        f" · critical {counts.get('critical', 0)} · major {counts.get('major', 0)}"
        f" · minor {counts.get('minor', 0)}"
    )
    console.print(head)
    console.print()
    for s in doc.sentences:
        line = Text(f"{s.segment.index + 1:>3} ", style="dim")
        line.append(f"{s.quality:5.1f} ", style=quality_style(s.quality))
        line.append(bar(s.quality), style=quality_style(s.quality))
        line.append(f"  {s.segment.id}", style="dim")
        console.print(line)
        body = Text("    ")
        body.append_text(highlighted(s, use_color))
        console.print(body)
        if s.segment.src:
            console.print(Text("    src: " + one_line(s.segment.src), style="dim"))
        for f in s.flags:
            note = Text("      ")
            note.append(f"{f.severity:<8}", style=STYLES[f.severity] if use_color else "")
            note.append(f" {f.category}: ", style="bold")
            note.append(one_line(f"“{f.text}” — {f.message}"))
            if f.suggestion:
                note.append(one_line(f" → {f.suggestion}"), style="green")
            console.print(note)
        console.print()
    console.print(Text(f"signature: {doc.signature}", style="dim"))
