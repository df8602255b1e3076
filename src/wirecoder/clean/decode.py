"""Bytes -> text: BOMs, UTF-8, then a charset guess; binary input is refused with a reason."""

from __future__ import annotations

import codecs
import re
import unicodedata

from .. import errors
from ..errors import StageError

_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "gzip data inside gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters (Unicode category Cc) other than tab, line feed, vertical tab, form feed, carriage return."""


def decode_text(data: bytes, *, declared: str | None = None) -> str:
    """Decode ``data`` to text with ``\\n`` line ends and NFC normalisation.

    Order: a byte-order mark; ``declared`` (an HTML meta charset or HTTP header); strict UTF-8;
    UTF-16 without BOM; charset-normalizer's best guess; cp1252 with replacement characters.

    Raises:
        StageError: E101 empty, E102 binary (with what it looks like), E109 whitespace only.
    """
    if not data:
        raise StageError("E101", errors.E101, stage="decode")
    text = _decode(data, declared)
    if text is None:
        raise StageError("E102", errors.E102.format(why=_binary_reason(data)), stage="decode")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise StageError("E109", errors.E109, stage="decode")
    return unicodedata.normalize("NFC", text)


_MOJIBAKE_MARKS = re.compile(
    "[ÃÂâÅÐÑ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013-\u203a\u20ac\u2122]"
)  # the first two characters of UTF-8 bytes read as cp1252: "Ã©" (é), "â€™" (’), "Â£" (£)


_WEB_ALIASES = {
    label: "cp1252"
    for label in ("iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819",
                  "ibm819", "iso-ir-100", "windows-1252", "x-cp1252")
}
"""Labels that browsers decode as windows-1252 (WHATWG Encoding): pages declaring them use its quotes."""
_SURROGATES = re.compile("[\ud800-\udfff]")


_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Characters XML parsers and most tools refuse: controls other than tab, line feed and carriage return."""


def scrub_text(text: str) -> str:
    """Text safe to store and parse: control characters become spaces, lone surrogates U+FFFD."""
    text = _UNSAFE.sub(" ", text)
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252/latin-1 upstream (``â€™`` -> ``’``), with ftfy.

    Only text showing the tell-tale byte pairs is touched; ftfy leaves correct text alone.
    """
    if not _MOJIBAKE_MARKS.search(text):
        return text
    import ftfy

    return ftfy.fix_encoding(text)


def _decode(data: bytes, declared: str | None) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    for signature, _ in _SIGNATURES:
        if data.startswith(signature):
            return None
    head = data[:8192]
    if b"\x00" in head:
        encoding = _utf16_without_bom(head)
        if encoding is None:
            return None
        return _textual(data.decode(encoding, errors="replace"))
    if declared:
        declared = _WEB_ALIASES.get(declared.lower(), declared)
        if declared.lower().startswith(("utf-16", "utf-32")):  # a byte-oriented page cannot be UTF-16
            declared = None
    if declared:
        try:
            return _textual(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return _textual(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _textual(_guess(data))


def _utf16_without_bom(head: bytes) -> str | None:
    even, odd = head[0::2], head[1::2]
    if not even or not odd:
        return None
    if odd.count(0) / len(odd) > 0.6 and even.count(0) / len(even) < 0.1:
        return "utf-16-le"
    if even.count(0) / len(even) > 0.6 and odd.count(0) / len(odd) < 0.1:
        return "utf-16-be"
    return None


def _guess(data: bytes) -> str:
    """Mostly-ASCII text with a few high bytes is Western European (cp1252, a superset of latin-1's
    printable range): statistical detectors mistake a handful of accents for Baltic or Central European
    code pages. Text made mostly of high bytes (Cyrillic, Greek, Arabic code pages) goes to charset-normalizer.
    """
    sample = data[:65536]
    letters = sum(1 for byte in sample if byte >= 0x80 or 65 <= byte <= 90 or 97 <= byte <= 122)
    high = sum(1 for byte in sample if byte >= 0x80)
    if letters and high / letters < 0.2:
        return data.decode("cp1252", errors="replace")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding, errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def _textual(text: str) -> str | None:
    """The text, or None when too much of it is control characters to be prose."""
    sample = text[:20000]
    if not sample:
        return text
    controls = len(_CONTROLS.findall(sample))
    return None if controls / len(sample) > 0.02 else text


def _binary_reason(data: bytes) -> str:
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return f"it looks like {what}"
    if b"\x00" in data[:8192]:
        return "it contains NUL bytes"
    return "too many control characters"
