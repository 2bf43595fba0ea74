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

from democdash.ingest.candidates import (
    ArticleMeta,
    Candidate,
    Candidates,
    Existing,
    build_article,
    build_candidates,
    published_date,
)
from democdash.ingest.matching import Match
from democdash.ingest.review import (
    ACCEPT,
    ADD_SOURCE,
    REJECT,
    Decision,
    ReviewResult,
    apply_review,
    default_decisions,
)
from democdash.ingest.save import IngestOutcome, extract, ingest_text, save_review

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
    "ingest_text",
    "published_date",
    "save_review",
]
