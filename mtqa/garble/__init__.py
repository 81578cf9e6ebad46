"""Synthetic translation errors for training and measuring mtqa: families, generator, pseudo-labels.

    from mtqa.garble import Pair, generate
    for sample in generate([Pair(src, ref)], seed=0):
        sample.mt, sample.garble

See docs/garble.md for the families, the data they were built on and the scripts that use them.
"""

from mtqa.garble.families import FAMILIES
from mtqa.garble.generate import Sample, generate, to_row, word_tags
from mtqa.garble.senses import (
    BuiltinSenses,
    LexiconSenses,
    SenseSource,
    TableSenses,
    default_senses,
)
from mtqa.garble.types import Garble, GarbleSpan, Pair

__all__ = [
    "FAMILIES",
    "BuiltinSenses",
    "Garble",
    "GarbleSpan",
    "LexiconSenses",
    "Pair",
    "Sample",
    "SenseSource",
    "TableSenses",
    "default_senses",
    "generate",
    "to_row",
    "word_tags",
]
