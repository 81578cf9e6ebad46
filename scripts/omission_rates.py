"""Omitted source names (mtqa.checks.source.omission): flag rates on clean pairs, recall on garbles.

    PYTHONPATH=$PWD python scripts/omission_rates.py [N examples to show]

Clean pairs (tuning material): WMT21 DA ru-en src/ref (one row per segment), MLQE-PE ru-en
train+dev src/pe, and 3,000 sampled WMT21 src/mt rows (real MT, to see what fires there).
Recall: from each WMT21 reference that gets no flag, the rendering of one judged source name (the
whole capitalised run around it) is deleted and the source kept; printed overall and per kind of
name. WMT22 and DEMETR are test sets and are not read here.
"""

import glob
import json
import random
import sys
import time
from pathlib import Path

import regex

from mtqa.checks.source.names import name_candidates, source_names
from mtqa.checks.source.omission import missing_names, name_kind
from mtqa.lexicon.lookup import load_lexicon

DATA = str(Path(__file__).resolve().parent.parent.parent / "shared/data")
lex = lambda: load_lexicon()


def wmt(field):
    seen = set()
    for p in sorted(glob.glob(DATA + "/eval/wmt21_da_ru-en_news.part*.jsonl")):
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            k = (r["doc_id"], r["seg_id"]) if field == "ref" else r["id"]
            if k in seen or not r.get(field):
                continue
            seen.add(k)
            yield r["src"], r[field]


def mlqe():
    for p in sorted(glob.glob(DATA + "/train/mlqe_pe_ru-en.train.part*.jsonl")) + [
        DATA + "/eval/mlqe_pe_ru-en.jsonl"
    ]:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r.get("split") not in ("train", "dev"):
                continue
            yield r["src"], r["pe"]


show = int(sys.argv[1]) if len(sys.argv) > 1 else 0
sets = {"wmt21 ref": list(wmt("ref")), "mlqe pe": list(mlqe())}
rng = random.Random(1)
mtrows = list(wmt("mt"))
rng.shuffle(mtrows)
sets["wmt21 mt (3000)"] = mtrows[:3000]
for name, rows in sets.items():
    t = time.time()
    hits = []
    for src, tgt in rows:
        f = missing_names(src, tgt, lex)
        if f:
            hits.append((src, tgt, f))
    print(
        f"{name}: {len(rows)} rows, flagged {len(hits)} = {len(hits) / len(rows):.2%} ({time.time() - t:.0f}s)"
    )
    for src, tgt, f in hits[:show]:
        print(
            "   ",
            [(x.name, x.spelling, tgt[x.start : x.end][:30]) for x in f],
            "|",
            src[:200],
            "|",
            tgt[:200],
        )
# recall: drop a judged name's rendering from WMT21 refs (tuning material: even doc ids)
WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
tot = hit = 0
kinds = {}
for src, ref in sets["wmt21 ref"]:
    if missing_names(src, ref, lex):
        continue
    for n in source_names(src, "ru", 4.5):
        if not n.required or name_kind(n.text) is None or n.text.isascii():
            continue
        kinds[name_kind(n.text)] = kinds.get(name_kind(n.text), [0, 0])
        c = name_candidates(n.text)
        ws = [m for m in WORD.finditer(ref) if m.group()[:1].isupper() and c.rendered_by(m.group())]
        if not ws:
            continue
        g = ref
        for m in reversed(ws):
            a, b = m.start(), m.end()
            while True:  # the whole capitalised run
                mm = regex.search(r"(\p{Lu}[\p{L}\p{M}.]*)[ \-]$", g[:a])
                if not mm:
                    break
                a = mm.start()
            while True:
                mm = regex.match(r"[ \-](\p{Lu}[\p{L}\p{M}'’]*)", g[b:])
                if not mm:
                    break
                b += mm.end()
            g = g[:a] + g[b:].lstrip()
        if (
            show
            and not missing_names(src, g, lex)
            and name_kind(n.text) != "person"
            and rng.random() < 0.3
        ):
            print("  MISS", n.text, name_kind(n.text), "|", g[:250])
        # drop neighbouring capitalised words too (first names)
        tot += 1
        h = bool(missing_names(src, g, lex))
        hit += h
        kinds[name_kind(n.text)][0] += 1
        kinds[name_kind(n.text)][1] += h
        break
print(f"name-drop garbles (WMT21 refs): {hit}/{tot} = {hit / max(1, tot):.1%}")
print(kinds)
