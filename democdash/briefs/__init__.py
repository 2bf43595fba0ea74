"""Country briefs: a format-independent model (`build_brief`) and renderers to Word, PDF and
Markdown, shared by the CLI (`democdash brief`) and the app's download panel.

    from democdash.briefs import build_brief, render
    brief = build_brief(store, "BLR", ranking=None, handling="UNCLASSIFIED // FOR DISCUSSION")
    data = render(brief, "pdf", version="short")   # bytes: page one only
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from democdash.briefs.model import (
    DEFAULT_HANDLING,
    Brief,
    BriefError,
    brief_filename,
    build_brief,
)


@dataclass(frozen=True)
class Format:
    """A brief file format: its label, file extension and MIME type."""

    key: str
    label: str
    extension: str
    mime: str


FORMATS: dict[str, Format] = {
    "docx": Format(
        "docx",
        "Word (.docx)",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": Format("pdf", "PDF", "pdf", "application/pdf"),
    "md": Format("md", "Markdown (.md)", "md", "text/markdown"),
}


#: "short": page one only (the bottom line up front); "full": page one, then the annexes.
VERSIONS = ("full", "short")


def _renderer(fmt: str) -> Callable[..., bytes]:
    # Renderers import their libraries lazily: building a Markdown brief needs neither
    # python-docx nor fpdf2.
    if fmt == "docx":
        from democdash.briefs.render_docx import render_docx

        return render_docx
    if fmt == "pdf":
        from democdash.briefs.render_pdf import render_pdf

        return render_pdf
    if fmt == "md":
        from democdash.briefs.render_md import render_md

        return render_md
    raise BriefError(f"unknown brief format {fmt!r}; use one of {', '.join(FORMATS)}")


def render(brief: Brief, fmt: str, version: str = "full") -> bytes:
    """The brief as a file in `fmt` ("docx", "pdf" or "md"), `version` "full" or "short"."""
    if version not in VERSIONS:
        raise BriefError(f"unknown brief version {version!r}; use one of {', '.join(VERSIONS)}")
    return _renderer(fmt)(brief, version=version)


__all__ = [
    "DEFAULT_HANDLING",
    "FORMATS",
    "VERSIONS",
    "Brief",
    "BriefError",
    "Format",
    "brief_filename",
    "build_brief",
    "render",
]
