"""Offline article extraction: countries, dates, people, events by rule, policy options by a
trained sentence classifier (weights in `option_model.json`, applied in plain Python).

Public API:
- `load_extractor()` builds an `Extractor` (the gazetteer, the automaton over every word
  table and the option model; no cache, so the caller keeps it while it extracts);
- `extract_article(text, *, title, outlet, author, published, url, source_type, known_actors,
  extractor)` returns the extraction contract (a JSON-ready dict; keys in
  `democdash.extract.pipeline`), with `policy_options` (likely), `policy_options_also_possible`
  and `sentences` (every sentence with its countries, dates and people, and for those read as
  options their stance, holder, who would act and instrument);
- `sentence_at(result, offset)` is the sentence record of a result at a character offset, and
  `describe_sentence(text, offset, extractor=...)` the same record described as an option
  whatever its score (what a sentence the analyst promotes is prefilled with);
- `read_bytes(data, filename)` / `read_document(path)` turn an uploaded or local .txt, .md,
  .html or .pdf file into text plus the metadata found, raising `DocumentError` on bad input.

Training and evaluation (scikit-learn, the `train` extra; never imported at run time):
`democdash.extract.training` (scripts/train_option_model) and `democdash.extract.evaluate`
(scripts/eval_extraction: leave-one-article-out through the shared scorer).
"""

from democdash.extract.documents import DocumentError, read_bytes, read_document
from democdash.extract.pipeline import (
    Extractor,
    describe_sentence,
    extract_article,
    load_extractor,
    sentence_at,
)

__all__ = [
    "DocumentError",
    "Extractor",
    "describe_sentence",
    "extract_article",
    "load_extractor",
    "read_bytes",
    "read_document",
    "sentence_at",
]
