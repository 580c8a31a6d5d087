"""Bytes to text: refuse binaries and oversize inputs, guess legacy encodings honestly."""

from __future__ import annotations

from dataclasses import dataclass, replace

from charset_normalizer import from_bytes

_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16", b"\xef\xbb\xbf": "utf-8-sig"}
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}
# Archives are never unpacked (so no zip bomb can go off): they are named and refused.
_ARCHIVES = {
    b"PK\x03\x04": "zip",
    b"PK\x05\x06": "zip",
    b"\x1f\x8b": "gzip",
    b"\xfd7zXZ\x00": "xz",
    b"7z\xbc\xaf\x27\x1c": "7z",
    b"\x28\xb5\x2f\xfd": "zstd",
}
# A text with a few stray NUL bytes (a broken export) is read without them; more is binary.
MAX_STRAY_NUL = 0.001


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


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text saved without a byte-order mark: mostly-Latin text leaves every other byte
    NUL, on the odd side for little-endian and the even side for big-endian."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even_nul = sample[0::2].count(0) / pairs
    odd_nul = sample[1::2].count(0) / pairs
    if odd_nul > 0.5 and even_nul < 0.05:
        encoding = "utf-16-le"
    elif even_nul > 0.5 and odd_nul < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return None


class DecodeError(ValueError):
    """The input is not text thucydides can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    nul_removed: int = 0


def _archive(data: bytes) -> str | None:
    if data[257:262] == b"ustar":
        return "tar"
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        return "bzip2"
    return next((kind for magic, kind in _ARCHIVES.items() if data.startswith(magic)), None)


def _decode_text(data: bytes) -> tuple[str, str]:
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DecodeError("binary data (NUL bytes), not text")
        return utf16.text, utf16.encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        return western, "cp1252"
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError("binary data or unknown encoding, not text")
    return data.decode(best.encoding, errors="replace"), best.encoding


def decode_bytes(data: bytes) -> Decoded:
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    archive = _archive(data)
    if archive is not None:
        raise DecodeError(
            f"a {archive} archive, not text: archives are not unpacked; extract its files first"
        )
    nul = data.count(b"\x00")
    if 0 < nul <= MAX_STRAY_NUL * len(data) and _utf16_without_bom(data) is None:
        return replace(decode_bytes(data.replace(b"\x00", b"")), nul_removed=nul)
    text, encoding = _decode_text(data)
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    if sample and controls / len(sample) > 0.01:
        raise DecodeError("binary data (control characters), not text")
    return Decoded(text, encoding)
