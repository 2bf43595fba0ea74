"""The peer: what a capable analyst writes in an afternoon with the same stack (GeoPandas and
plotly's `choropleth_map`, a filter, a table), measured beside the app for context, not judged.

It lives outside the repo, in the team's shared folder (`../shared/bench/peer_app.py`), and is
run unchanged: its data folder is given by the `PEER_DATA` environment variable (it reads
`boundaries/world.geojson` and `events.yaml` there). When the file is absent the bench says so
and measures without it.
"""

from __future__ import annotations

import os
from pathlib import Path

from democdash.settings import REPO_DIR

#: Where the peer's script is looked for unless `ENV_PEER_APP` names another file.
DEFAULT_PEER_APP = REPO_DIR.parent / "shared" / "bench" / "peer_app.py"
ENV_PEER_APP = "DEMOCDASH_PEER_APP"
#: The peer's own setting for its data folder.
ENV_PEER_DATA = "PEER_DATA"


def peer_app_path() -> Path:
    """The peer's script: `DEMOCDASH_PEER_APP`, else `../shared/bench/peer_app.py`."""
    return Path(os.environ.get(ENV_PEER_APP) or DEFAULT_PEER_APP)


def find_peer(path: Path | None = None) -> tuple[Path | None, str]:
    """The peer's script if it exists (`path`, else `peer_app_path()`), and a note for the
    report: where it was read from, or why it was not measured."""
    script = path or peer_app_path()
    if script.is_file():
        return script, f"the peer: {script}, run unchanged"
    return None, f"the peer was not measured: {script} not found"
