"""Bytes to text: refuse binaries and oversize inputs, guess legacy encodings honestly."""

from __future__ import annotations

from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16", b"\xef\xbb\xbf": "utf-8-sig"}
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


# Reports in a Western legacy encoding are mostly ASCII (Cyrillic or Greek ones are not),
# and statistical detection misreads short ones: such a text is read as Windows-1252.
WESTERN_MAX_NON_ASCII = 0.3


def _western(data: bytes) -> str | None:
    non_ascii = sum(1 for b in data[:200_000] if b > 127)
    if non_ascii / max(len(data[:200_000]), 1) > WESTERN_MAX_NON_ASCII:
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


class DecodeError(ValueError):
    """The input is not text thucydides can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    if b"\x00" in data[:8192]:
        raise DecodeError("binary data (NUL bytes), not text")
    text: str | None
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _western(data), "cp1252"
    if text is None:
        best = from_bytes(data[:1_000_000]).best()
        if best is None or best.encoding is None:
            raise DecodeError("binary data or unknown encoding, not text") from None
        encoding = best.encoding
        text = data.decode(encoding, errors="replace")
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    if sample and controls / len(sample) > 0.01:
        raise DecodeError("binary data (control characters), not text")
    return Decoded(text, encoding)
