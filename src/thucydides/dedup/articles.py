"""Near-duplicate articles: wire copies, reposts and revisions of one report form a story.

Each article gets a MinHash signature (datasketch) over its word 3-shingles; the signature is
cut into LSH bands, and two articles sharing any band are candidates, confirmed by the
signatures' estimated Jaccard similarity. Band keys are plain 64-bit integers so the store can
keep and query them with the database (datasketch's own index lives only in memory or in
Redis/Cassandra), which makes the index persistent and streaming: one article is checked
against everything stored so far in a few milliseconds (bench/stories.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 128
SHINGLE_WORDS = 3
# A copy with a new headline, boilerplate and a trimmed ending keeps well over half of its
# shingles; two different reports of one event share far fewer (tests/test_stories.py).
THRESHOLD = 0.5
BANDS, ROWS = _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> list[bytes]:
    """Overlapping runs of SHINGLE_WORDS lower-cased words; a short text is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE_WORDS:
        return [" ".join(words).encode()]
    runs = zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)
    return list({" ".join(run).encode() for run in runs})


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """An article's MinHash signature and the LSH band keys that index it."""

    minhash: np.ndarray  # NUM_PERM uint32 values

    @property
    def band_keys(self) -> list[int]:
        keys = []
        for band in range(BANDS):
            rows = self.minhash[band * ROWS : (band + 1) * ROWS].tobytes()
            digest = hashlib.blake2b(rows, digest_size=8, salt=band.to_bytes(16, "little"))
            keys.append(int.from_bytes(digest.digest(), "little", signed=True))
        return keys

    def to_bytes(self) -> bytes:
        return self.minhash.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        return cls(np.frombuffer(data, dtype="<u4"))

    def similarity(self, other: Fingerprint) -> float:
        """Estimated Jaccard similarity of the two articles' shingle sets."""
        return float(np.mean(self.minhash == other.minhash))


def fingerprints(texts: Iterable[str]) -> list[Fingerprint]:
    """Signatures for many texts at once (MinHash.bulk shares the permutations)."""
    sketches = MinHash.bulk([shingles(t) for t in texts], num_perm=NUM_PERM)
    return [Fingerprint(np.asarray(s.hashvalues, dtype=np.uint32)) for s in sketches]


@dataclass(frozen=True, slots=True)
class StoryLink:
    """Which story an article joins: its own (copy_of None) or that of its closest copy."""

    article_id: str
    story_id: str
    copy_of: str | None = None
    similarity: float = 0.0


@dataclass(frozen=True, slots=True)
class Indexed:
    """An article already in the index: its story link and its signature."""

    link: StoryLink
    fingerprint: Fingerprint


def assign_stories(
    articles: list[tuple[str, Fingerprint]],
    stored: Callable[[list[int]], list[Indexed]],
) -> list[StoryLink]:
    """Link each article to the story of its most similar earlier copy, if any.

    `stored(band_keys)` returns indexed articles sharing any of those band keys; the store
    supplies it. Articles earlier in the same list count as indexed, so a batch of three copies
    becomes one story whatever was stored before.
    """
    pending: dict[int, list[Indexed]] = {}
    links = []
    for article_id, fingerprint in articles:
        keys = fingerprint.band_keys
        candidates = {c.link.article_id: c for c in stored(keys)}
        for key in keys:
            candidates.update((c.link.article_id, c) for c in pending.get(key, []))
        known = candidates.pop(article_id, None)
        scored = [(fingerprint.similarity(c.fingerprint), c) for c in candidates.values()]
        scored = [(s, c) for s, c in scored if s >= THRESHOLD]
        if known is not None:  # read again: it stays where it was linked the first time
            link = known.link
        elif scored:
            score, best = max(scored, key=lambda pair: (pair[0], pair[1].link.article_id))
            link = StoryLink(article_id, best.link.story_id, best.link.article_id, round(score, 4))
        else:
            link = StoryLink(article_id, article_id)
        links.append(link)
        indexed = Indexed(link, fingerprint)
        for key in keys:
            pending.setdefault(key, []).append(indexed)
    return links
