import codecs

import pytest

from wirecoder.clean.decode import decode_text, repair_mojibake
from wirecoder.errors import StageError

TEXT = "Les manifestants ont défilé à Genève « sans incident », a déclaré la police."


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "utf-16", "utf-8-sig"])
def test_decode_text_reads_common_encodings(encoding):
    assert decode_text(TEXT.encode(encoding)) == TEXT


def test_decode_text_reads_cp1252_smart_quotes():
    text = "The minister said \u201cwe will not retreat\u201d and left \u2014 quickly."
    assert decode_text(text.encode("cp1252")) == text


def test_decode_text_reads_utf16_without_bom():
    assert decode_text(TEXT.encode("utf-16-le")) == TEXT


def test_decode_text_normalises_line_ends():
    assert decode_text(b"one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_decode_text_prefers_declared_charset():
    assert decode_text("Zürich".encode("cp1252"), declared="windows-1252") == "Zürich"


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (b"", "E101", "input is empty (0 bytes)"),
        (b"  \n\t ", "E109", "input holds only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "E102",
         "input is binary, not text (it looks like a PNG image); pass HTML, text, JSON Lines or WARC"),
        (b"\x01\x02\x00\x00\x05abc\x00\x07", "E102",
         "input is binary, not text (it contains NUL bytes); pass HTML, text, JSON Lines or WARC"),
        (codecs.BOM_UTF8[:0] + b"%PDF-1.7\n", "E102",
         "input is binary, not text (it looks like a PDF document); pass HTML, text, JSON Lines or WARC"),
    ],
)
def test_decode_text_refuses_bad_input_with_reason(data, code, message):
    with pytest.raises(StageError) as info:
        decode_text(data)
    assert (info.value.code, info.value.message, info.value.stage) == (code, message, "decode")


def test_repair_mojibake_fixes_utf8_read_as_cp1252():
    fixed = repair_mojibake("the proposed â€˜land rallyâ€™ in the cafÃ©")
    assert fixed == "the proposed \u2018land rally\u2019 in the café"


def test_repair_mojibake_leaves_correct_text_alone():
    assert repair_mojibake(TEXT) == TEXT
