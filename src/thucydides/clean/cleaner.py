"""clean(): the article and only the article, every character traceable to the raw text."""

from __future__ import annotations

import re
from array import array

from thucydides.clean.boilerplate import boilerplate_reason
from thucydides.clean.duplicates import ParagraphSeen
from thucydides.clean.html import extract_page
from thucydides.clean.text import CleanText, Removed
from thucydides.clean.unicode_repair import repair
from thucydides.ingest.article import Article

PARAGRAPH_BREAK = "\n\n"
# Every break str.splitlines() knows, so no break survives inside a paragraph.
_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE = re.compile(rf"[^{_BREAKS}]*(?:\r\n|[{_BREAKS}])?")


def clean_text(raw: str, article_id: str = "") -> CleanText:
    """Clean plain text: repair Unicode, drop page furniture and repeated paragraphs."""
    pieces: list[str] = []
    starts = array("q")
    ends = array("q")
    removed: list[Removed] = []
    seen = ParagraphSeen()
    for match in _LINE.finditer(raw):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        offset = match.start() + line.index(stripped[0])
        fixed, f_starts, f_ends = repair(stripped, offset)
        fixed_stripped = fixed.strip()
        if not fixed_stripped:
            continue
        lead = fixed.index(fixed_stripped[0])
        fixed = fixed_stripped
        f_starts, f_ends = f_starts[lead : lead + len(fixed)], f_ends[lead : lead + len(fixed)]
        span = (offset, offset + len(stripped))
        reason = boilerplate_reason(fixed)
        if reason is None and seen.repeats(fixed):
            reason = "repeated paragraph"
        if reason is not None:
            removed.append(Removed(*span, reason))
            continue
        if pieces:
            pieces.append(PARAGRAPH_BREAK)
            starts.extend([starts[-1]] * len(PARAGRAPH_BREAK))
            ends.extend([ends[-1]] * len(PARAGRAPH_BREAK))
        pieces.append(fixed)
        starts.extend(f_starts)
        ends.extend(f_ends)
    return CleanText(
        article_id=article_id,
        text="".join(pieces),
        raw=raw,
        raw_starts=starts,
        raw_ends=ends,
        removed=tuple(removed),
    )


def clean(article: Article) -> CleanText:
    """Clean one article; HTML first goes through main-text extraction."""
    if article.format != "html":
        return clean_text(article.raw, article.article_id)
    page = extract_page(article.raw)
    cleaned = clean_text(page.text, article.article_id)
    warnings = () if page.text else ("no main text found in the HTML page",)
    return CleanText(
        article_id=cleaned.article_id,
        text=cleaned.text,
        raw=cleaned.raw,
        raw_starts=cleaned.raw_starts,
        raw_ends=cleaned.raw_ends,
        removed=cleaned.removed,
        title=page.title,
        published=page.published,
        url=page.url,
        outlet=page.outlet,
        warnings=warnings,
    )
