"""Source-side checks: what the translation should carry over from the source.

One module per job: ``numbers.py`` finds numbers, dates and months with their values,
``weekdays.py`` days of the week,
``names.py`` transliterates and matches names, ``surface.py`` judges copies and length,
``negation.py``, ``punctuation.py``, ``casing.py`` and ``gender.py`` compare negation, the final
mark, letter case and pronoun gender with the source,
``check.py`` composes them into the ``source`` check; ``adequacy.py`` compares content words
through a bilingual lexicon.
"""

from mtqa.checks.source.check import SourceCheck
from mtqa.checks.source.names import name_similarity, transliterate
from mtqa.checks.source.numbers import numbers

__all__ = ["SourceCheck", "name_similarity", "numbers", "transliterate"]
