"""Turn raw bytes into text: BOMs, UTF-16 without BOM, UTF-8, cp1256 and ISO-8859-6.

Binary files (images, archives, PDFs) and empty files are refused with a :class:`ReadError`
that says what the file looks like. Gzip-compressed inputs are decompressed transparently.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import re
import zlib

from charset_normalizer import from_bytes

from rasd.read.errors import ReadError

MAX_BYTES = 512 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)

_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def arabic_ratio(text: str) -> float:
    """Share of Arabic letters among the letters of ``text`` (its first 20,000 characters)."""
    sample = text[:20000]
    letters = sum(map(str.isalpha, sample))
    return len(_ARABIC_LETTER.findall(sample)) / letters if letters else 0.0


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) / 2
    # Arabic in UTF-16 has high bytes 0x06, not NUL, so look at both patterns
    if odd_nul > 0.3 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.3 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    high_odd = sample[1::2].count(6)
    high_even = sample[0::2].count(6)
    if high_odd > 0.3 * half and (odd_nul + high_odd) > 0.6 * half:
        return "utf-16-le"
    if high_even > 0.3 * half and (even_nul + high_even) > 0.6 * half:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample) if sample else 0.0


def decode_bytes(data: bytes, source: str) -> str:
    """Decode ``data`` read from ``source``; newlines become ``\\n``.

    Raises:
        ReadError: the input is empty, binary, or not decodable as text.
    """
    if len(data) > MAX_BYTES:
        raise ReadError(source, f"file is {len(data) // (1024 * 1024)} MB", "split it into files under 512 MB")
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise ReadError(source, f"gzip file is damaged ({exc})", "re-create the archive") from None
    if not data.strip(b" \t\r\n\x00"):
        raise ReadError(source, "file is empty", "nothing to analyse; remove it or fill it")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError(source, f"binary file ({what}), not text", "give rasd text, HTML, JSONL or CSV")
    text: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = data.decode("utf-32", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        enc16 = _looks_utf16(data)
        if enc16:
            text = data.decode(enc16, errors="replace")
    if text is None:
        if b"\x00" in data[:8000]:
            raise ReadError(source, "binary file (contains NUL bytes), not text", "give rasd text, HTML, JSONL or CSV")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if _control_ratio(text) > 0.05:
        raise ReadError(source, "binary or corrupt file (many control characters)", "check the file's encoding")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_legacy(data: bytes) -> str:
    """Decode a non-UTF-8 file: the Arabic code pages first, then charset-normalizer's guess."""
    candidates: list[str] = []
    for enc in ("cp1256", "iso8859_6"):
        try:
            candidates.append(data.decode(enc))
        except UnicodeDecodeError:
            continue
    best = from_bytes(data[:200000]).best()
    if best is not None:
        with contextlib.suppress(LookupError):
            candidates.append(data.decode(best.encoding, errors="replace"))
    if not candidates:
        return data.decode("utf-8", errors="replace")
    return max(candidates, key=arabic_ratio)
