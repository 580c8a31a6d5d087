"""Read files, folders, JSON Lines and stdin into Articles, reporting bad inputs as Problems."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Literal

from thucydides.ingest.article import Article, make_article
from thucydides.ingest.decode import DecodeError, decode_bytes
from thucydides.problems import Problem

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def parse_published(value: object) -> date:
    """An ISO date or datetime string (or a date) to a date; ValueError otherwise, and for a
    date after tomorrow (no report is published in the future; a day allows for time zones)."""
    if isinstance(value, date):
        published = value
    elif not isinstance(value, str) or len(value) < 10:
        raise ValueError(f"not an ISO date: {value!r}")
    else:
        published = date.fromisoformat(value[:10])
    if published > date.today() + timedelta(days=1):
        raise ValueError(f"{published.isoformat()} is in the future")
    return published


def parse_instant(value: object) -> datetime | None:
    """The moment an ISO datetime with a UTC offset ('Z' or '+03:00') names; None for a bare
    date, a time without an offset (its zone is unknown), or anything unreadable."""
    if not isinstance(value, str) or len(value) <= 10:
        return None
    try:
        instant = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return instant if instant.tzinfo is not None else None


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in text[:20000].lower()


def _expand(paths: Iterable[str]) -> Iterator[str | Problem]:
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and not f.name.startswith("."))
            if not files:
                yield Problem(p, "folder holds no files", "warning")
            yield from (str(f) for f in files)
        elif path.exists():
            yield p
        else:
            yield Problem(p, "no such file or folder")


def _bounded_lines(stream: IO[str], limit: int) -> Iterator[tuple[int, str | None]]:
    """(number, line) for each line, None for a line over `limit` characters, which is skipped
    without ever being held whole."""
    lineno = 0
    while line := stream.readline(limit + 1):
        lineno += 1
        if len(line) > limit and not line.endswith("\n"):
            while (rest := stream.readline(limit)) and not rest.endswith("\n"):
                pass
            yield lineno, None
        else:
            yield lineno, line


def read_jsonl(
    stream: IO[str], source: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Problem]:
    """One article per line: id, text or html, and optional published, url, source (outlet)."""
    for lineno, line in _bounded_lines(stream, max_bytes):
        if line is None:
            yield Problem(
                source,
                f"line over the {max_bytes / 2**20:.1f} MB limit for one report; skipped"
                " (raise it with --max-mb)",
                line=lineno,
            )
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(source, f"not valid JSON ({exc.msg})", line=lineno)
            continue
        if not isinstance(obj, dict):
            yield Problem(source, "each line must be a JSON object", line=lineno)
            continue
        body, fmt = obj.get("text"), "text"
        if body is None and obj.get("html") is not None:
            body, fmt = obj["html"], "html"
        if not isinstance(body, str) or not body.strip():
            yield Problem(source, "no 'text' or 'html' string", line=lineno)
            continue
        published, published_at = None, None
        if obj.get("published") is not None:
            try:
                published = parse_published(obj["published"])
                published_at = parse_instant(obj["published"])
            except ValueError as exc:
                yield Problem(source, f"ignored published: {exc}", "warning", lineno)
        given_id = obj.get("id")
        yield make_article(
            body,
            f"{source}:{lineno}",
            format=fmt,
            published=published,
            url=obj.get("url") if isinstance(obj.get("url"), str) else None,
            outlet=obj.get("source") if isinstance(obj.get("source"), str) else None,
            title=obj.get("title") if isinstance(obj.get("title"), str) else None,
            article_id=str(given_id) if given_id is not None else None,
            published_at=published_at,
        )


def read_file(
    path: str, *, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Problem]:
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        with open(path, encoding="utf-8", errors="replace") as fh:
            yield from read_jsonl(fh, path, max_bytes=max_bytes)
        return
    size = os.path.getsize(path)
    if size > max_bytes:
        yield Problem(
            path,
            f"{size / 2**20:.1f} MB is over the {max_bytes / 2**20:.1f} MB limit for one report "
            "(raise it with --max-mb)",
        )
        return
    with open(path, "rb") as fh:
        data = fh.read()
    if not data.strip():
        yield Problem(path, "empty file", "warning")
        return
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        yield Problem(path, str(exc))
        return
    if decoded.encoding not in ("utf-8", "utf-8-sig", "ascii"):
        yield Problem(path, f"not UTF-8; decoded as {decoded.encoding}", "warning")
    if decoded.nul_removed:
        yield Problem(path, f"{decoded.nul_removed} stray NUL byte(s) removed", "warning")
    fmt: Literal["text", "html"] = "text"
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(decoded.text)):
        fmt = "html"
    yield make_article(decoded.text, path, format=fmt, published=published)


def read_sources(
    paths: Iterable[str],
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: IO[str] | None = None,
) -> Iterator[Article | Problem]:
    """Every article under the given paths ("-" is JSON Lines on stdin), in a stable order.

    Bad inputs come out as Problems in the same stream, so one broken file never stops a batch.
    """
    for item in _expand(paths):
        if isinstance(item, Problem):
            yield item
        elif item == "-":
            yield from read_jsonl(stdin or sys.stdin, "<stdin>", max_bytes=max_bytes)
        else:
            try:
                yield from read_file(item, published=published, max_bytes=max_bytes)
            except OSError as exc:
                yield Problem(item, f"cannot read: {exc.strerror or exc}")
