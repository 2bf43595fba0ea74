"""The app's long-lived data kept out of the garbage collector's way on a server.

A Streamlit server runs a full garbage collection after every script run
(`runner.postScriptGC`), holding the interpreter lock while it walks every container object the
process holds: the snapshots' frames and derived values, the boundaries, the modules. On the
bench's scale store (10,000 events, 2,000 options) that walk took 120-260 ms of the server's
CPU after every run of every session, where the run itself took 10-20 ms, and while it ran the
server answered nothing else (a visitor's page waited for its script chunks meanwhile).

Data made to last (a snapshot, a frame read from the store, boundaries) says so with `grew()`;
at the end of that run `settle()` collects once and moves everything alive into the permanent
generation (`gc.freeze`), so that the collection after each later run walks only what runs
make: about 1 ms on the same store. Frozen objects are still freed when nothing refers to them;
only a cycle among them waits, until the next `settle()`, which unfreezes first so that what an
evicted snapshot held is collected then.

Only in a server (AppTest and scripts run no collection after a run, so nothing is saved).
"""

from __future__ import annotations

import gc

from streamlit import runtime

_grown = True  # a new process: its modules and first data are all to settle


def grew() -> None:
    """Say that this run made data that outlives it (read at the end of the run)."""
    global _grown
    _grown = True


def pending() -> bool:
    """Whether data made to last waits for the end of its run to settle."""
    return _grown


def in_server() -> bool:
    """Whether a Streamlit server runs this process (not AppTest, not a plain script)."""
    return runtime.exists()


def settle(server: bool | None = None) -> bool:
    """At the end of a run that made long-lived data, in a server: collect once and freeze
    what is alive; True when it did. `server` (default: `in_server()`) is for tests."""
    global _grown
    if not _grown or not (in_server() if server is None else server):
        return False
    _grown = False
    gc.unfreeze()  # what earlier settles froze and is garbage now goes in this collection
    gc.collect()
    gc.freeze()
    return True
