"""Why mtqa does not flag dropped content words: the strongest local test, measured.

    PYTHONPATH=$PWD python scripts/omission_content_probe.py

The test: a lowercase source content word the dictionary can translate links to no translation
word, while its two neighbours (content words, no punctuation between) link to translation words
that stand side by side, with only function words between them — there is no room for the word.
Printed: how many WMT21 reference sentences (tuning material) it fires on, and how many one-word
drops it finds (an aligned lowercase content word deleted from one of the first 600 references
that the test leaves alone).
"""

from __future__ import annotations

import glob
import json
import random
from pathlib import Path

import regex

from mtqa.lexicon.align import align
from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS
from mtqa.lexicon.lookup import load_lexicon

DATA = Path(__file__).resolve().parent.parent.parent / "shared/data"


def no_room(src: str, mt: str) -> list[str]:
    lex = load_lexicon()
    al = align(lex, src, mt)
    s_tok, m_tok = al.src, al.mt
    out = []
    for i in range(1, len(s_tok) - 1):
        word = s_tok[i].text
        if not al.src_content[i] or al.src_partners[i] or word[:1].isupper():
            continue
        if not lex.src_candidates(word):
            continue
        left, right = i - 1, i + 1
        if not all(al.src_content[k] and al.src_partners[k] for k in (left, right)):
            continue
        if (
            src[s_tok[left].end : s_tok[i].start].strip()
            or src[s_tok[i].end : s_tok[right].start].strip()
        ):
            continue
        for jl in al.src_partners[left]:
            for jr in al.src_partners[right]:
                between = m_tok[jl + 1 : jr]
                gap = mt[m_tok[jl].end : m_tok[jr].start] if jr > jl else ""
                if (
                    0 < jr - jl <= 3
                    and all(t.lower in EN_FUNCTION_WORDS for t in between)
                    and not regex.search(r"[^\p{L}\s]", gap)
                ):
                    out.append(word)
    return out


def main() -> None:
    refs, seen = [], set()
    for p in sorted(glob.glob(str(DATA / "eval/wmt21_da_ru-en_news.part*.jsonl"))):
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            key = (r["doc_id"], r["seg_id"])
            if key not in seen and r.get("ref"):
                seen.add(key)
                refs.append((r["src"], r["ref"]))
    fired = sum(bool(no_room(s, t)) for s, t in refs)
    print(f"WMT21 src/ref: fires on {fired}/{len(refs)} = {fired / len(refs):.1%}")
    rng = random.Random(2)
    lex = load_lexicon()
    total = found = 0
    for src, ref in refs[:600]:
        if no_room(src, ref):
            continue
        al = align(lex, src, ref)
        words = [
            t
            for j, t in enumerate(al.mt)
            if al.mt_content[j] and al.mt_partners[j] and not t.text[:1].isupper()
        ]
        if not words:
            continue
        t = rng.choice(words)
        garble = ref[: t.start] + ref[t.end :].lstrip()
        total += 1
        found += bool(no_room(src, garble))
    print(f"one-word drops found: {found}/{total} = {found / max(1, total):.1%}")


if __name__ == "__main__":
    main()
