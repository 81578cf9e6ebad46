#!/bin/sh
# Rebuild the shipped ru-en calibration (mtqa/data/calibration/default.json) from human labels.
# Step 1 fits the no-reference modes on MLQE-PE ru-en train (choosing settings on its dev split);
# step 2 fits the reference modes on WMT21 DA ru-en news, choosing settings on one half of the
# WMT22 DA ru-en news documents (the other half is never read), and merges both into the file.
# Step 3 (needs torch and mtqa[qe]) refits the no-reference modes of that file with the neural qe
# check added, on the same MLQE-PE ru-en train/dev data, into mtqa/data/calibration/qe.json, which
# the Checker uses when qe runs; skip it with NO_QE=1.
# Official test splits (test20, test21) are dropped by mtqa calibrate while reading.
set -eu
DATA=${DATA:-../shared/data}
TMP=$(mktemp)
trap 'rm -f "$TMP"' EXIT
MTQA=${MTQA:-.venv/bin/mtqa}
"$MTQA" calibrate "$DATA"/train/mlqe_pe_ru-en.train.part*.jsonl \
  --dev "$DATA"/eval/mlqe_pe_ru-en.jsonl --modes mt,mt+src --sample 2000 --out "$TMP"
"$MTQA" calibrate "$DATA"/eval/wmt21_da_ru-en_news.part*.jsonl \
  --dev "$DATA"/eval/wmt22_da_ru-en_news.part1.jsonl --dev "$DATA"/eval/wmt22_da_ru-en_news.part2.jsonl \
  --modes mt+ref,mt+src+ref --sample 1500 --dev-sample 800 --base "$TMP" \
  --out mtqa/data/calibration/default.json
[ -n "${NO_QE:-}" ] && exit 0
"$MTQA" calibrate "$DATA"/train/mlqe_pe_ru-en.train.part*.jsonl \
  --dev "$DATA"/eval/mlqe_pe_ru-en.jsonl --modes mt,mt+src --sample 2000 \
  --checks fluency,vocabulary,rules,source,reference,qe \
  --base mtqa/data/calibration/default.json --out mtqa/data/calibration/qe.json
