"""Fixtures for the extraction tests."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest


@pytest.fixture
def make_pdf() -> Callable[..., bytes]:
    """A maker of one-page PDFs whose text is the lines given, one under another (Helvetica,
    built with pypdf: no PDF file is kept in the repository)."""
    pypdf = pytest.importorskip("pypdf")
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    def make(*lines: str) -> bytes:
        writer = pypdf.PdfWriter()
        page = writer.add_blank_page(width=600, height=800)
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        shown = " T* ".join(f"({line}) Tj" for line in lines)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 10 Tf 14 TL 20 760 Td {shown} ET".encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    return make
