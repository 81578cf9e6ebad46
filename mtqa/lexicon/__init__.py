"""Word knowledge for checks and generators: dictionaries, lemmas, lexicons, word alignment.

Nothing here imports a check. The system dictionary (``dictd.py``) is read where the user has it
and is never shipped; the mined lexicon (``mined.py``) ships in ``mtqa/data/lexicon``.
"""
