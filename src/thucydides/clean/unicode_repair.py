"""Mojibake and Unicode repair with ftfy, keeping each repaired character's raw range."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import ftfy

# Words and the whitespace after each, so that the pieces join back to the whole.
_WORDS = re.compile(r"\S*\s*")
_CONFIG = ftfy.TextFixerConfig(unescape_html=False, normalization="NFC", explain=False)
# Tabs and printable ASCII: nothing of it for ftfy to fix under _CONFIG (its fixes start from
# non-ASCII characters, control characters or line breaks), so such text skips the call.
_PLAIN = re.compile(r"[\t\x20-\x7e]*")


def repair(segment: str, offset: int) -> tuple[str, list[int], list[int]]:
    """Fixed text plus, for each of its characters, the raw [start, end) it came from."""
    fixed = segment if _PLAIN.fullmatch(segment) else ftfy.fix_text(segment, config=_CONFIG)
    if fixed == segment:
        return fixed, *_aligned(segment, fixed, offset)
    raw_words, fixed_words = _WORDS.findall(segment), _WORDS.findall(fixed)
    if len(raw_words) != len(fixed_words):
        return fixed, *_aligned(segment, fixed, offset)
    # ftfy fixes within words (quotes, mojibake) and leaves the spaces between them: each word
    # is aligned alone, which is linear where aligning a whole paragraph is quadratic.
    starts, ends = [], []
    at = offset
    for raw_word, fixed_word in zip(raw_words, fixed_words, strict=True):
        word_starts, word_ends = _aligned(raw_word, fixed_word, at)
        starts.extend(word_starts)
        ends.extend(word_ends)
        at += len(raw_word)
    return fixed, starts, ends


def _aligned(segment: str, fixed: str, offset: int) -> tuple[list[int], list[int]]:
    """For each character of `fixed`, the raw range of `segment` (written from `offset`) it
    came from, by a character diff."""
    if fixed == segment:
        starts = list(range(offset, offset + len(segment)))
        return starts, [s + 1 for s in starts]
    starts: list[int] = []
    ends: list[int] = []
    matcher = SequenceMatcher(None, segment, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            starts.extend(range(offset + i1, offset + i2))
            ends.extend(range(offset + i1 + 1, offset + i2 + 1))
        elif tag in ("replace", "insert"):
            lo, hi = offset + i1, offset + max(i2, i1 + 1)
            hi = min(hi, offset + len(segment))
            lo = min(lo, hi - 1)
            starts.extend([lo] * (j2 - j1))
            ends.extend([hi] * (j2 - j1))
    return starts, ends
