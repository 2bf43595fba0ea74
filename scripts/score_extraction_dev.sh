#!/usr/bin/env bash
# Score `democdash ingest --dry-run --json` on the annotated extraction set with the shared scorer.
# Usage: scripts/score_extraction_dev.sh [-v] [ANNOTATED_DIR]
# Needs the project installed (the `democdash` command on PATH, e.g. an activated virtualenv) and
# the shared folder beside the repo (../shared/tools/score_extraction.py).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scorer="${DEMOCDASH_SCORER:-$repo/../shared/tools/score_extraction.py}"
if [[ ! -f "$scorer" ]]; then
  echo "no scorer at $scorer (set DEMOCDASH_SCORER)" >&2
  exit 2
fi
python="${PYTHON:-$(command -v python3)}"
if ! command -v democdash >/dev/null 2>&1; then
  export PATH="$(dirname "$python"):$PATH"
fi
cd "$repo"
exec "$python" "$scorer" "$@"
