"""Mojibake and Unicode repair with ftfy, keeping each repaired character's raw range."""

from __future__ import annotations

from difflib import SequenceMatcher

import ftfy

_CONFIG = ftfy.TextFixerConfig(unescape_html=False, normalization="NFC", explain=False)


def repair(segment: str, offset: int) -> tuple[str, list[int], list[int]]:
    """Fixed text plus, for each of its characters, the raw [start, end) it came from."""
    fixed = ftfy.fix_text(segment, config=_CONFIG)
    if fixed == segment:
        starts = list(range(offset, offset + len(segment)))
        return fixed, starts, [s + 1 for s in starts]
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
    return fixed, starts, ends
