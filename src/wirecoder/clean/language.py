"""Identify a text's language (ISO 639-1) with py3langid, whose model ships inside the package."""

from __future__ import annotations

import re
from functools import lru_cache

_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """``'en'``, ``'es'``… or None when the text is too short or the guess too weak."""
    sample = text[:1500]
    if len(_LETTER.findall(sample, 0, 400)) < 20:
        return None
    language, probability = _identifier().classify(sample.lower() if sample.isupper() else sample)
    return language if probability >= 0.5 else None
