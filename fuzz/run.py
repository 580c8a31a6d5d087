"""Coverage-guided fuzzing (atheris) of the code that reads untrusted input.

    python fuzz/run.py TARGET [libFuzzer options, e.g. -max_total_time=20]

Targets: decode (bytes to text), clean (text and HTML cleaning, with the offset map checked),
dates (date phrases against any publication date), jsonl (the JSON Lines reader). Each
asserts what the hypothesis tests assert, on inputs libFuzzer mutates towards new branches;
any exception is a crash and libFuzzer writes the input that caused it (crash-*) to disk.
CI runs every target for a bounded time (tests/test_fuzz.py).
"""

from __future__ import annotations

import contextlib
import io
import sys
from datetime import date, timedelta

import atheris

# Coverage feedback from the project's own code and the parsers it leans on; instrumenting
# every installed package would slow each run tenfold.
with atheris.instrument_imports(include=["thucydides", "html", "_markupbase", "json"]):
    from thucydides.clean import clean, clean_text
    from thucydides.ingest import make_article, read_jsonl
    from thucydides.ingest.decode import DecodeError, decode_bytes
    from thucydides.problems import Problem
    from thucydides.when import resolve_date


def fuzz_decode(data: bytes) -> None:
    with contextlib.suppress(DecodeError):
        assert isinstance(decode_bytes(data).text, str)


def fuzz_clean(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    as_html = fdp.ConsumeBool()
    raw = fdp.ConsumeUnicodeNoSurrogates(len(data))
    result = clean(make_article(raw, "fuzz", format="html")) if as_html else clean_text(raw)
    assert len(result.raw_starts) == len(result.raw_ends) == len(result.text)
    for i in range(len(result.text)):
        assert 0 <= result.raw_starts[i] < result.raw_ends[i] <= len(result.raw)
    if not as_html:
        assert clean_text(result.text).text == result.text


def fuzz_dates(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    published = date(1900, 1, 1) + timedelta(days=fdp.ConsumeIntInRange(0, 2_920_000))
    text = fdp.ConsumeBytes(300).decode("utf-8", errors="replace")
    when = resolve_date(text, published)
    if when.date is not None and when.date > published:
        assert when.future


def fuzz_jsonl(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    for item in read_jsonl(io.StringIO(text), "fuzz.jsonl"):
        assert isinstance(item, Problem) or item.article_id


TARGETS = {"decode": fuzz_decode, "clean": fuzz_clean, "dates": fuzz_dates, "jsonl": fuzz_jsonl}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: python fuzz/run.py {{{'|'.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
