"""Reading article files: .txt, .md, .html (main text via trafilatura) and .pdf (pypdf).

`read_bytes` is the core, because uploads in the web app arrive as bytes; `read_document`
wraps it for files on disk. Both return ``(text, metadata)`` where metadata holds whatever the
file itself says (title, author, published, url), and raise `DocumentError` with a message that
names the file and the problem: empty, too large, binary, not UTF-8, malformed PDF or HTML,
unsupported type. trafilatura and pypdf are imported only when such a file comes in. A text or
a PDF wrapped at a fixed width is joined back into its paragraphs (`democdash.extract.reflow`).
"""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path

from democdash.extract.reflow import unwrap
from democdash.settings import MAX_UPLOAD_BYTES

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES)

_MD_TITLE = re.compile(r"\A\s*#\s+(.+?)\s*$", re.MULTILINE)
_HTML_HINT = re.compile(rb"<\s*(?:!doctype|html|head|body|p|div|article)\b", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class DocumentError(ValueError):
    """A file that cannot be read as an article; the message names the file and the problem."""


def _limit_text(limit: int) -> str:
    mib = limit / (1024 * 1024)
    return f"{limit} bytes ({mib:.0f} MiB)" if mib >= 1 else f"{limit} bytes"


def decode_text(data: bytes, filename: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with BOM, else DocumentError."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{filename}: broken UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{filename}: binary data, not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise DocumentError(
            f"{filename}: not UTF-8 encoded text (byte 0x{bad} at position {exc.start}); "
            "save the file as UTF-8 and try again"
        ) from exc
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > len(sample) * 0.01:
        raise DocumentError(f"{filename}: binary data, not a text file")
    return text


def _read_pdf(data: bytes, filename: str) -> tuple[str, dict]:
    if not data.lstrip().startswith(b"%PDF-"):
        raise DocumentError(f"{filename}: malformed PDF (no PDF header)")
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types for broken files
        raise DocumentError(f"{filename}: malformed PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise DocumentError(f"{filename}: the PDF has no extractable text (a scan?)")
    meta: dict = {}
    title = info.get("/Title") if hasattr(info, "get") else None
    author = info.get("/Author") if hasattr(info, "get") else None
    if title:
        meta["title"] = str(title)
    if author:
        meta["author"] = str(author)
    created = getattr(info, "creation_date", None) if info else None
    if created:
        meta["published"] = created.date().isoformat()
    return text, meta


def _read_html(data: bytes, filename: str) -> tuple[str, dict]:
    html = decode_text(data, filename)
    if not _HTML_HINT.search(data[:65536]):
        raise DocumentError(f"{filename}: malformed HTML (no HTML markup found)")
    import trafilatura

    try:
        text = trafilatura.extract(
            html,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
        metadata = trafilatura.extract_metadata(html)
    except Exception as exc:
        raise DocumentError(f"{filename}: malformed HTML ({type(exc).__name__}: {exc})") from exc
    if not text or not text.strip():
        raise DocumentError(f"{filename}: malformed HTML or no article text found in it")
    meta: dict = {}
    if metadata is not None:
        for key in ("title", "author", "date", "url", "sitename"):
            value = getattr(metadata, key, None)
            if value:
                meta[{"date": "published", "sitename": "outlet"}.get(key, key)] = str(value)
    return text.strip(), meta


def read_bytes(data: bytes, filename: str, max_bytes: int = MAX_UPLOAD_BYTES) -> tuple[str, dict]:
    """The article text and file metadata of an uploaded file, or DocumentError.

    The type comes from the file name's suffix (.txt, .md, .html/.htm, .pdf). The size limit is
    `max_bytes` (`democdash.settings.MAX_UPLOAD_BYTES` unless given).
    """
    name = Path(filename).name or filename
    if len(data) == 0:
        raise DocumentError(f"{name}: the file is empty")
    if len(data) > max_bytes:
        raise DocumentError(
            f"{name}: the file is {len(data)} bytes, over the limit of {_limit_text(max_bytes)}"
        )
    suffix = Path(filename).suffix.lower()
    if suffix in PDF_SUFFIXES:
        text, meta = _read_pdf(data, name)
    elif suffix in HTML_SUFFIXES:
        text, meta = _read_html(data, name)
    elif suffix in TEXT_SUFFIXES or suffix == "":
        if data.lstrip().startswith(b"%PDF-"):
            raise DocumentError(f"{name}: binary data (a PDF), not a text file")
        text = decode_text(data, name)
        meta = {}
        if suffix in (".md", ".markdown"):
            heading = _MD_TITLE.search(text)
            if heading:
                meta["title"] = heading.group(1).strip()
    else:
        raise DocumentError(
            f"{name}: unsupported file type {suffix!r} (supported: {', '.join(SUPPORTED)})"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{name}: the file holds no text")
    if suffix not in HTML_SUFFIXES:  # a page's paragraphs come out whole
        text = unwrap(text)
    return text, meta


def read_document(path: Path, max_bytes: int = MAX_UPLOAD_BYTES) -> tuple[str, dict]:
    """`read_bytes` for a file on disk; a missing, unreadable, oversized or not regular file
    is a DocumentError too. Checked with `os.stat` before it is opened (a FIFO or a device
    such as /dev/zero is refused, never read), and read with a cap of `max_bytes` (a file that
    grows while it is read is refused too)."""
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(
            f"{path}: not a regular file (a pipe, socket or device); save the article as a "
            "file and try again"
        )
    if info.st_size > max_bytes:
        raise DocumentError(
            f"{path.name}: the file is {info.st_size} bytes, over the limit of "
            f"{_limit_text(max_bytes)}"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise DocumentError(
            f"{path.name}: the file is over the limit of {_limit_text(max_bytes)} "
            "(it grew while it was read)"
        )
    return read_bytes(data, path.name, max_bytes)
