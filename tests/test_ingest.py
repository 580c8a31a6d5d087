from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thucydides.ingest import article_id_for, read_jsonl
from thucydides.ingest.decode import DecodeError, decode_bytes
from thucydides.problems import Problem


def test_article_id_is_stable_under_whitespace_and_case():
    assert article_id_for("Gunmen  attacked\n a post.", None) == article_id_for(
        "gunmen attacked a post.", None
    )
    assert article_id_for("text", "https://a.example/1") != article_id_for(
        "text", "https://b.example/1"
    )


def test_decode_latin1_and_utf16():
    assert decode_bytes("Café in Kabul".encode("latin-1")).text == "Café in Kabul"
    assert decode_bytes("Café".encode("utf-16")).text == "Café"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_a_byte_order_mark(encoding):
    text = "Gunmen killed three villagers in Kandahar on Tuesday, officials said. Café."
    decoded = decode_bytes(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, encoding)


def test_decode_refuses_binary():
    with pytest.raises(DecodeError):
        decode_bytes(b"\x00\x01\x02" * 100)


@given(st.binary(max_size=2000))
def test_decode_any_bytes_gives_text_or_a_clear_refusal(data):
    try:
        assert isinstance(decode_bytes(data).text, str)
    except DecodeError as exc:
        assert "not text" in str(exc)


def test_jsonl_reports_bad_lines_by_number_and_reads_the_rest():
    stream = io.StringIO(
        '{"id": "1", "text": "a"}\nnot json\n[1]\n{"id": "2"}\n{"id": "3", "text": "b", "published": "soon"}\n'
    )
    items = list(read_jsonl(stream, "in.jsonl"))
    problems = [i for i in items if isinstance(i, Problem)]
    articles = [i for i in items if not isinstance(i, Problem)]
    assert [a.article_id for a in articles] == ["1", "3"]
    assert [p.line for p in problems] == [2, 3, 4, 5]
    assert problems[-1].level == "warning"


@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("zip", lambda: _zip_bomb()),
        ("gzip", lambda: gzip.compress(b"\0" * 10_000_000)),
        ("bzip2", lambda: bz2.compress(b"\0" * 1_000_000)),
        ("xz", lambda: lzma.compress(b"word " * 1000)),
    ],
)
def test_archives_are_named_and_never_unpacked(kind, make):
    with pytest.raises(DecodeError, match=f"a {kind} archive"):
        decode_bytes(make())


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"\0" * 50_000_000)
    return buffer.getvalue()


def test_a_few_stray_nul_bytes_are_removed_and_counted():
    text = "Gunmen killed three villagers in Kandahar on Tuesday, officials said. " * 40
    decoded = decode_bytes(text.encode()[:100] + b"\0" + text.encode()[100:])
    assert decoded.text == text and decoded.nul_removed == 1


def test_jsonl_line_over_the_limit_is_skipped_by_number():
    long_line = json.dumps({"id": "big", "text": "word " * 5000})
    stream = io.StringIO(f'{{"id": "1", "text": "a"}}\n{long_line}\n{{"id": "2", "text": "b"}}\n')
    items = list(read_jsonl(stream, "in.jsonl", max_bytes=1000))
    assert [i.article_id for i in items if not isinstance(i, Problem)] == ["1", "2"]
    (problem,) = [i for i in items if isinstance(i, Problem)]
    assert problem.line == 2 and "over the" in problem.message


def test_jsonl_publication_in_the_year_9999_is_ignored_with_a_warning():
    stream = io.StringIO('{"id": "1", "text": "a", "published": "9999-06-09"}\n')
    problem, article = list(read_jsonl(stream, "in.jsonl"))
    assert article.published is None
    assert (problem.line, problem.level) == (1, "warning") and "in the future" in problem.message
