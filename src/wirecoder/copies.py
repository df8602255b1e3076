"""The copies stage: near-duplicate articles (syndicated copies, lightly edited updates) are found and linked to
one canonical article.

``(Article, ...) -> [(article id, canonical id or None, similarity)]`` via :func:`link_copies`. The same wire story
runs under many mastheads with a new headline, a dropped last paragraph or a changed dateline, so its text hash
differs (the store already keeps one row per identical text). Here each article body becomes a set of
``SHINGLE_WORDS``-word shingles and a ``PERMUTATIONS``-value MinHash signature; the signature is cut into
``BANDS`` bands whose hashes are stored (``article_bands``), so finding an article's candidates is a lookup of its
band hashes (locality-sensitive hashing), not a comparison with every stored article. A candidate is a copy when
the estimated *containment* of the shorter text in the longer one reaches ``settings.copy_containment``:
containment rather than Jaccard similarity, so a copy that drops a paragraph, or an update that adds one, still
counts.

The canonical article is the one stored first; a copy of a copy points to the first. Copies keep their own row,
mentions and events (each outlet's report is counted, as GDELT's NumArticles counts them); ``copy_of`` links
them, and ``wirecoder articles`` and ``wirecoder stats`` count them. Articles with fewer than ``MIN_SHINGLES``
shingles (a caption, a one-line brief) are too short to call copies and are never linked.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .records import Article

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
"""32 bands of 4 rows: texts with Jaccard similarity 0.5 share a band with probability 0.87, at 0.7 with 0.9999."""
MIN_SHINGLES = 12

_PRIME = np.uint64((1 << 61) - 1)
_MASK = np.uint64(0xFFFFFFFF)
_rng = np.random.default_rng(20240517)  # fixed: signatures stored by one run must match the next run's
_A = _rng.integers(1, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    """An article's MinHash signature and its band hashes."""

    article_id: str
    shingles: int
    """How many distinct shingles the body has."""
    minhash: np.ndarray
    bands: tuple[int, ...]

    def similarity(self, other: Signature) -> float:
        """Estimated containment of the shorter text's shingles in the longer text's."""
        jaccard = float(np.count_nonzero(self.minhash == other.minhash)) / PERMUTATIONS
        smaller = min(self.shingles, other.shingles)
        if not smaller:
            return 0.0
        return min(1.0, jaccard * (self.shingles + other.shingles) / ((1 + jaccard) * smaller))


def shingles(body: Sequence[str]) -> set[int]:
    """32-bit hashes of the body's ``SHINGLE_WORDS``-word runs (lower case, punctuation dropped)."""
    words = _WORD.findall(" ".join(body).lower())
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode())
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(article: Article) -> Signature:
    values = shingles(article.body)
    if values:
        x = np.fromiter(values, dtype=np.uint64, count=len(values))
        minhash = ((np.outer(x, _A) + _B) % _PRIME & _MASK).min(axis=0).astype(np.uint32)
    else:
        minhash = np.full(PERMUTATIONS, 0xFFFFFFFF, dtype=np.uint32)
    return Signature(article.id, len(values), minhash, band_hashes(minhash))


def band_hashes(minhash: np.ndarray) -> tuple[int, ...]:
    """One 63-bit hash per band; the band's index is part of it, so equal rows in different bands differ."""
    out = []
    for band in range(BANDS):
        rows = minhash[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + rows, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big") >> 1)
    return tuple(out)


def link_copies(store, articles: Sequence[Article], *, min_containment: float) -> int:
    """Sign the articles the store has not signed yet, link each to the article it copies, if any; returns how
    many copies were found. Candidates are stored articles and earlier articles of the same call."""
    todo = store.unsigned([a.id for a in articles])
    unique = {a.id: a for a in articles if a.id in todo}  # two inputs may clean to one article
    signed = [signature(a) for a in unique.values()]
    if not signed:
        return 0
    canonical_of: dict[str, str | None] = {}
    by_band: dict[int, list[Signature]] = {}
    for article_id, count, minhash, copy_of in store.copy_candidates(sorted({b for s in signed for b in s.bands})):
        values = np.asarray(minhash, dtype=np.uint32)
        stored = Signature(article_id, count, values, band_hashes(values))
        canonical_of[article_id] = copy_of
        for band in stored.bands:
            by_band.setdefault(band, []).append(stored)
    links: list[tuple[Signature, str | None, float | None]] = []
    for sig in signed:
        best, best_score = None, 0.0
        if sig.shingles >= MIN_SHINGLES:
            seen: set[str] = set()
            for band in sig.bands:
                for other in by_band.get(band, ()):
                    if other.article_id in seen or other.article_id == sig.article_id:
                        continue
                    seen.add(other.article_id)
                    score = sig.similarity(other) if other.shingles >= MIN_SHINGLES else 0.0
                    if score >= min_containment and score > best_score:
                        best, best_score = other.article_id, score
        copy_of = (canonical_of.get(best) or best) if best else None
        canonical_of[sig.article_id] = copy_of
        links.append((sig, copy_of, round(best_score, 3) if best else None))
        for band in sig.bands:
            by_band.setdefault(band, []).append(sig)
    store.add_signatures(links)
    return sum(1 for _, copy_of, _ in links if copy_of)

