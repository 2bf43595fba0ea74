"""From an extracted article to stored analyst records: candidates, matching, review, saving.

Plain Python (no streamlit), shared by `democdash ingest` and the `/add-article` page:

- `candidates.build_candidates(result, text, meta, existing)` turns the extraction contract
  (`democdash.extract.extract_article`) into an `Article` and candidate events and options,
  each with a source (paragraph and a verbatim quote of at most 30 words) and, when it is the
  same as a stored record, a `Match` offered as "add as source";
- `review.apply_review(candidates, decisions)` applies what the analyst decided and edited and
  returns the records to save (`ReviewResult`);
- `save.save_review(store, candidates, result)` writes it all in one transaction, and
  `save.ingest_text(store, text, meta)` does every step with all candidates accepted (the CLI).
"""

import importlib

#: Public names and the module each lives in; loaded on first use (PEP 562), so that
#: `democdash.ingest.meta` stays light for the CLI's option checks.
_EXPORTS = {
    "ArticleMeta": "meta",
    "extract_with_meta": "meta",
    "Candidate": "candidates",
    "Candidates": "candidates",
    "Existing": "candidates",
    "build_article": "candidates",
    "build_candidates": "candidates",
    "published_date": "candidates",
    "Match": "matching",
    "ACCEPT": "review",
    "ADD_SOURCE": "review",
    "REJECT": "review",
    "Decision": "review",
    "ReviewResult": "review",
    "apply_review": "review",
    "default_decisions": "review",
    "IngestOutcome": "save",
    "extract": "save",
    "ingest_text": "save",
    "save_review": "save",
}


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"democdash.ingest.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'democdash.ingest' has no attribute {name!r}")


__all__ = [
    "ACCEPT",
    "ADD_SOURCE",
    "REJECT",
    "ArticleMeta",
    "Candidate",
    "Candidates",
    "Decision",
    "Existing",
    "IngestOutcome",
    "Match",
    "ReviewResult",
    "apply_review",
    "build_article",
    "build_candidates",
    "default_decisions",
    "extract",
    "extract_with_meta",
    "ingest_text",
    "published_date",
    "save_review",
]
