"""Offline article extraction: countries, dates, people, events, policy options.

Public API:
- `load_extractor()` builds an `Extractor` (the gazetteer and the automaton over every word
  table; no cache, so the caller keeps it while it extracts);
- `extract_article(text, *, title, outlet, author, published, url, source_type, known_actors,
  extractor)` returns the extraction contract (a JSON-ready dict);
- `read_bytes(data, filename)` / `read_document(path)` turn an uploaded or local .txt, .md,
  .html or .pdf file into text plus the metadata found, raising `DocumentError` on bad input.
"""

from democdash.extract.documents import DocumentError, read_bytes, read_document
from democdash.extract.pipeline import Extractor, extract_article, load_extractor

__all__ = [
    "DocumentError",
    "Extractor",
    "extract_article",
    "load_extractor",
    "read_bytes",
    "read_document",
]
