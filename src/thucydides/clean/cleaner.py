"""clean(): the article and only the article, every character traceable to the raw text."""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

import numpy as np

from thucydides.clean.boilerplate import boilerplate_reason
from thucydides.clean.duplicates import ParagraphSeen
from thucydides.clean.html import extract_page
from thucydides.clean.html_offsets import source_offsets
from thucydides.clean.language import detect_language
from thucydides.clean.text import CleanText, Removed
from thucydides.clean.unicode_repair import repair
from thucydides.ingest.article import Article

PARAGRAPH_BREAK = "\n\n"
MIN_WORDS_ALONE = 15
# Below this share of the extracted text found verbatim in the page, say so.
MIN_FOUND_IN_SOURCE = 0.95
# Every break str.splitlines() knows, so no break survives inside a paragraph.
_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE = re.compile(rf"[^{_BREAKS}]*(?:\r\n|[{_BREAKS}])?")


@dataclass(slots=True)
class _Paragraph:
    text: str
    starts: list[int]
    ends: list[int]
    span: tuple[int, int]
    reason: str | None
    repeat: bool = False


def _paragraphs(raw: str) -> list[_Paragraph]:
    found: list[_Paragraph] = []
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
        n = len(fixed_stripped)
        paragraph = _Paragraph(
            fixed_stripped,
            f_starts[lead : lead + n],
            f_ends[lead : lead + n],
            (offset, offset + len(stripped)),
            boilerplate_reason(fixed_stripped),
        )
        if paragraph.reason is None:
            paragraph.repeat = seen.repeats(fixed_stripped)
        found.append(paragraph)
    return found


def _is_scraped_copy(paragraphs: list[_Paragraph], i: int) -> bool:
    """A repeat is a scraping artefact when it is long or comes in a run of repeats.

    Interviews repeat short questions ("What inspired you?") on purpose; a scraper repeats
    whole paragraphs, usually as a block.
    """
    if not paragraphs[i].repeat:
        return False
    if len(paragraphs[i].text.split()) >= MIN_WORDS_ALONE:
        return True
    # Neighbours in the story as it will read: page furniture between two repeats is going
    # anyway, and cleaning the result again must not see a different run.
    before = next((p for p in reversed(paragraphs[:i]) if p.reason is None), None)
    after = next((p for p in paragraphs[i + 1 :] if p.reason is None), None)
    return any(p is not None and p.repeat for p in (before, after))


def clean_text(raw: str, article_id: str = "") -> CleanText:
    """Clean plain text: repair Unicode, drop page furniture and repeated paragraphs."""
    pieces: list[str] = []
    starts = array("q")
    ends = array("q")
    removed: list[Removed] = []
    paragraphs = _paragraphs(raw)
    for i, paragraph in enumerate(paragraphs):
        reason = paragraph.reason
        if reason is None and _is_scraped_copy(paragraphs, i):
            reason = "repeated paragraph"
        if reason is not None:
            removed.append(Removed(*paragraph.span, reason))
            continue
        if pieces:
            pieces.append(PARAGRAPH_BREAK)
            starts.extend([starts[-1]] * len(PARAGRAPH_BREAK))
            ends.extend([ends[-1]] * len(PARAGRAPH_BREAK))
        pieces.append(paragraph.text)
        starts.extend(paragraph.starts)
        ends.extend(paragraph.ends)
    text = "".join(pieces)
    return CleanText(
        article_id=article_id,
        text=text,
        raw=raw,
        raw_starts=starts,
        raw_ends=ends,
        removed=tuple(removed),
        language=detect_language(text),
    )


def clean(article: Article) -> CleanText:
    """Clean one article; HTML first goes through main-text extraction, and its clean text
    maps back to the page's source through the extracted text."""
    if article.format != "html":
        return clean_text(article.raw, article.article_id)
    page = extract_page(article.raw)
    cleaned = clean_text(page.text, article.article_id)
    warnings = page.warnings if page.text else ("no main text found in the HTML page",)
    source_starts, source_ends, found = source_offsets(page.text, article.raw)
    if found < MIN_FOUND_IN_SOURCE:
        warnings += (
            f"only {found:.0%} of the main text was found as written in the HTML source: "
            "evidence offsets cover the place but may not quote it exactly",
        )
    first = np.frombuffer(source_starts, dtype=np.int64)[
        np.frombuffer(cleaned.raw_starts, dtype=np.int64)
    ]
    last = np.frombuffer(source_ends, dtype=np.int64)[
        np.frombuffer(cleaned.raw_ends, dtype=np.int64) - 1
    ]
    starts = array("q", np.minimum(first, last).tobytes())
    ends = array("q", np.maximum(first, last).tobytes())
    removed = tuple(
        Removed(
            source_starts[r.start], max(source_starts[r.start], source_ends[r.end - 1]), r.reason
        )
        for r in cleaned.removed
    )
    return CleanText(
        article_id=cleaned.article_id,
        text=cleaned.text,
        raw=article.raw,
        raw_starts=starts,
        raw_ends=ends,
        removed=removed,
        title=page.title,
        published=page.published,
        published_at=page.published_at,
        url=page.url,
        outlet=page.outlet,
        author=page.author,
        language=cleaned.language,
        warnings=warnings,
    )
