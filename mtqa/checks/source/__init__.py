"""Source-side checks: what the translation should carry over from the source.

One module per job: ``check.py`` holds the source check (numbers, names, copy, length) until it is
split further; ``adequacy.py`` compares content words through a bilingual lexicon.
"""

from mtqa.checks.source.check import SourceCheck, name_similarity, numbers, transliterate

__all__ = ["SourceCheck", "name_similarity", "numbers", "transliterate"]
