"""Offline, rule-based article extraction: countries, dates, people, events, policy options.

Public API:
- `extract_article(text, *, title, outlet, author, published, url, source_type, known_actors)`
  returns the extraction contract (a JSON-ready dict);
- `read_bytes(data, filename)` / `read_document(path)` turn an uploaded or local .txt, .md,
  .html or .pdf file into text plus the metadata found, raising `DocumentError` on bad input.
"""

from democdash.extract.documents import DocumentError, read_bytes, read_document
from democdash.extract.pipeline import extract_article

__all__ = ["DocumentError", "extract_article", "read_bytes", "read_document"]
