"""Reading documents: each supported type, and a clear DocumentError for each bad input."""

from __future__ import annotations

import pytest

from democdash.extract import DocumentError, read_bytes, read_document
from democdash.settings import MAX_UPLOAD_BYTES


def test_plain_text_and_markdown():
    text, meta = read_bytes(b"Hello Kenya.\r\nBye.", "a.txt")
    assert text == "Hello Kenya.\nBye." and meta == {}
    text, meta = read_bytes(b"# A title\n\nBody text here.", "a.md")
    assert meta["title"] == "A title" and "Body text" in text


def test_boms_are_accepted():
    assert read_bytes("\ufeffPeru".encode(), "a.txt")[0] == "Peru"
    assert read_bytes("Chile votes".encode("utf-16"), "a.txt")[0] == "Chile votes"


def test_html_main_text_without_scripts():
    html = (
        "<html><head><title>Vote in Chile</title><script>var x = 'tracker';</script></head>"
        "<body><nav>Home | About</nav><article><h1>Vote in Chile</h1>"
        + "".join(
            f"<p>Paragraph {i}: voters in Chile went to the polls today.</p>" for i in range(8)
        )
        + "</article><footer>Copyright</footer></body></html>"
    )
    text, meta = read_bytes(html.encode(), "page.html")
    assert "voters in Chile" in text and "tracker" not in text
    assert meta.get("title") == "Vote in Chile"


def test_pdf_text(make_pdf):
    text, _ = read_bytes(make_pdf("Elections in Ghana"), "a.pdf")
    assert "Ghana" in text


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "e.txt", "e.txt: the file is empty"),
        (b"   \n ", "w.txt", "w.txt: the file holds no text"),
        (b"\x00\x01\x02binary", "b.txt", "binary data, not a text file"),
        ("café".encode("latin-1"), "l.txt", "not UTF-8 encoded"),
        (b"%PDF-1.4 garbage", "m.pdf", "m.pdf: malformed PDF"),
        (b"hello", "h.pdf", "h.pdf: malformed PDF"),
        (b"just words, no markup", "x.html", "x.html: malformed HTML"),
        (b"PK\x03\x04", "d.docx", "unsupported file type '.docx'"),
    ],
)
def test_bad_inputs_raise_clear_errors(data, name, message):
    with pytest.raises(DocumentError, match=message.replace(".", r"\.").replace("(", r"\(")):
        read_bytes(data, name)


def test_oversized_file_states_the_limit(tmp_path):
    with pytest.raises(DocumentError, match=f"limit of {MAX_UPLOAD_BYTES} bytes"):
        read_bytes(b"a" * (MAX_UPLOAD_BYTES + 1), "big.txt")
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(DocumentError, match=r"big\.txt"):
        read_document(path)


def test_document_error_is_a_value_error_and_missing_files_are_reported(tmp_path):
    assert issubclass(DocumentError, ValueError)
    with pytest.raises(DocumentError, match="cannot read the file"):
        read_document(tmp_path / "missing.txt")
