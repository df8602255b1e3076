"""Place-name keys: one normal form for every spelling of a name, and a looser skeleton for transliterations.

:func:`normalise` maps the spellings news and GeoNames use for one name to one key:

- case and diacritics: ``Quşayr`` → ``qusayr``;
- apostrophes, ʿayn and hamza marks vanish; hyphens, dots and slashes become spaces;
- Arabic articles: ``Al-Qusayr``, ``El Quseir``, ``ad-Dawr``, ``Deir ez-Zor`` drop ``al/el/ad/ez…`` wherever they
  stand as a word in a name of two or more words (the article is written many ways and often left out);
- ``tal``/``tall``/``tel`` → ``tell``; ``saint``/``st.`` → ``st``; ``mt.`` → ``mount``; ``ft.`` → ``fort``.

:func:`skeleton` keeps the consonant outline of the key (``qusair``, ``qusayr``, ``quseir``, ``kuseir`` →
``ksr``) so that a spelling no gazetteer lists can still find its place; candidates found that way are checked by
:func:`similarity` and scored lower than exact keys.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_ARTICLES = frozenset({"al", "el", "ad", "adh", "ar", "as", "ash", "at", "ath", "az"})
"""Arabic articles dropped as the first word of a name ("Al Qusayr" → "qusayr")."""
_JOINED_ARTICLES = _ARTICLES | {"an", "ed", "en", "er", "es", "et", "ez", "il", "ud", "ul", "ur", "us", "uz"}
"""Articles dropped anywhere when hyphen-joined to the next word ("Deir ez-Zor", "Ras al-Ain", "an-Nabk")."""
_HYPHENED = re.compile(r"(?<![^\s\-‐‑])(" + "|".join(sorted(_JOINED_ARTICLES)) + r")[\-‐‑](?=\w)")
_WORD_MAP = {"tal": "tell", "tall": "tell", "tel": "tell", "saint": "st", "ste": "st", "sainte": "st",
             "mt": "mount", "ft": "fort", "the": ""}
_PUNCT = re.compile(r"[\-‐‑‒–—_./,()\[\]\"“”«»]+")
_DROP = re.compile(r"['’‘`ʿʾʼʻ´]")
_SPACES = re.compile(r"\s+")
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae",
                       "œ": "oe", "ħ": "h"})


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The lookup key of a place name; empty when nothing is left (e.g. only punctuation or an article)."""
    return _normalise(name)


_SIMPLE = re.compile(r"[a-z]+(?: [a-z]+)*")
_SIMPLE_SPECIAL = _ARTICLES | set(_WORD_MAP)


def _normalise(name: str) -> str:
    text = name.lower()
    if _SIMPLE.fullmatch(text) and not any(word in _SIMPLE_SPECIAL for word in text.split(" ")):
        return text  # most names: plain letters and single spaces, nothing to map
    if not text.isascii():
        text = unicodedata.normalize("NFKD", name.casefold().translate(_FOLD))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROP.sub("", text)
    if "-" in text or "‐" in text or "‑" in text:
        joined = _HYPHENED.sub("", text)
        if joined.strip():
            text = joined
    text = _PUNCT.sub(" ", text)
    words = [_WORD_MAP.get(word, word) for word in _SPACES.split(text.strip())]
    words = [word for word in words if word]
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


_SKELETON_SUBS = [(re.compile(pattern), repl) for pattern, repl in (
    (r"ou", "u"), (r"ph", "f"), (r"kh", "k"), (r"gh", "g"), (r"sh", "s"), (r"ch", "k"), (r"dh", "d"),
    (r"th", "t"), (r"ck", "k"), (r"[qc]", "k"), (r"z", "s"), (r"v", "f"), (r"j", "g"),
)]
_NOT_SKELETON = re.compile(r"[aeiouyhw\s]")
_REPEATS = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """The consonant outline of a normalised key; the first letter is kept even if a vowel (``aleppo`` → ``alp``)."""
    if not key:
        return ""
    text = key
    for pattern, repl in _SKELETON_SUBS:
        text = pattern.sub(repl, text)
    head = text[0]
    tail = _NOT_SKELETON.sub("", text[1:])
    if head in "aeiouy":
        head = "a"
    elif head in "hw" and tail:
        head = ""
    return _REPEATS.sub(r"\1", head + tail)


_DIGRAPHS = re.compile(r"ee|ii|oo|ou|aa|uu")
_DIGRAPH_VOWEL = {"ee": "i", "ii": "i", "oo": "u", "ou": "u", "aa": "a", "uu": "u"}


def plain_vowels(key: str) -> str:
    """A key with the English-style vowel spellings of transliterations made single (``areeha`` → ``ariha``,
    ``touz`` → ``tuz``, ``saada`` → ``sada``): the spelling most gazetteer names use."""
    return _DIGRAPHS.sub(lambda m: _DIGRAPH_VOWEL[m.group()], key)


def similarity(a: str, b: str) -> float:
    """How alike two normalised keys are, 0..1 (difflib's ratio)."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


_NOT_LATIN = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF\u2000-\u206F\u02B0-\u02FF\u0300-\u036F]")


def is_latin(name: str) -> bool:
    """True when a name is written in Latin letters (GeoNames lists names in every script; news here is English)."""
    return name.isascii() or not _NOT_LATIN.search(name)
