"""A page whose store cannot be reached says so and comes back by itself once it can.

A real `streamlit run` whose PostgreSQL store is reached through a TCP relay this test starts
and stops (as if the database restarted): while the relay is down, a browserless session sees
"The store is unavailable, retrying..."; once it is up, the next view is the page again.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import sqlalchemy as sa

from democdash.loadtest.team import prepare_store
from democdash.ui import data, frame
from democdash.ui.loadtest.session import STORE_UNAVAILABLE, BrowserlessSession
from democdash.ui.loadtest.visitors import LINKS
from democdash_bench.browser import free_port, server

APP = frame.REPO_DIR / "app.py"


@contextmanager
def relay(listen_port: int, host: str, port: int) -> Iterator[None]:
    """Forward 127.0.0.1:`listen_port` to `host`:`port` until the block ends (then every
    relayed connection is cut, as a database restart cuts them)."""
    listener = socket.create_server(("127.0.0.1", listen_port))
    open_sockets: list[socket.socket] = [listener]

    def pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def accept() -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection((host, port))
            open_sockets.extend([client, upstream])
            threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield
    finally:
        for s in open_sockets:
            with suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()


def test_the_page_says_the_store_is_unavailable_and_recovers(tmp_path, fresh_pg_url):
    assert frame.STORE_UNAVAILABLE.startswith(STORE_UNAVAILABLE)  # the load test finds it
    real = sa.make_url(fresh_pg_url)
    prepare_store(fresh_pg_url)  # migrated and seeded, as serve-team does first
    port = free_port()
    relayed = real.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEMOCDASH_")}
    env.update(DEMOCDASH_HOME=str(tmp_path), DEMOCDASH_DATABASE_URL=relayed)
    with server(APP, env, tmp_path) as running:
        running.wait_healthy(90)
        with BrowserlessSession(running.url) as session:
            with relay(port, real.host or "127.0.0.1", real.port or 5432):
                assert session.visit("events", "country=BLR").error is None
            time.sleep(data.REVISION_MAX_AGE + 0.2)  # past the revision read a rerun reuses
            view = session.visit("events", "country=BLR")  # the database went away
            assert view.error == "store unavailable"
            with relay(port, real.host or "127.0.0.1", real.port or 5432):
                deadline = time.monotonic() + 60
                while True:
                    view = session.visit("events", "country=BLR")
                    if view.error is None or time.monotonic() > deadline:
                        break
                assert view.error is None and view.contains("Belarus")


def test_every_link_a_visitor_opens_is_a_page_of_the_app():
    pages = {path for _, _, _, path in frame.PAGES} | {""}
    assert {page for page, _ in LINKS} <= pages
