"""A Streamlit session without a browser: the page request, then the websocket at
`/_stcore/stream` speaking Streamlit's own protobuf messages (`BackMsg` up, `ForwardMsg` down).

    with BrowserlessSession("http://127.0.0.1:8600") as session:
        view = session.visit("events", "country=BLR&from=2020-08")
        view.seconds, view.error, view.contains("Belarus")

Like a browser, a session first GETs the page (nginx sets its affinity cookie, Streamlit its
XSRF cookie), then opens the websocket with those cookies and the page's Origin, and asks for
each page with a `rerun_script` carrying the page's name and query string, as the app's own
navigation does. A view lasts until the script run that draws it has finished (`script_finished`
with a status other than "finished early for a rerun": the page's last element has arrived).
"""

from __future__ import annotations

import time
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import ClientConnection, connect

#: How the app's message starts when its store cannot be reached (`frame.STORE_UNAVAILABLE`):
#: the page then retries by itself, so the view ends there, as an error.
STORE_UNAVAILABLE = "The store is unavailable"
VIEW_TIMEOUT_S = 60.0


@dataclass
class View:
    """One page view: how long until its script run finished, what arrived, what went wrong."""

    page: str
    query: str
    seconds: float
    bytes_received: int
    error: str | None = None
    raw: list[bytes] = field(default_factory=list, repr=False)

    def contains(self, text: str) -> bool:
        """Whether `text` arrived in any message of the view (element texts are UTF-8)."""
        needle = text.encode()
        return any(needle in message for message in self.raw)


class SessionClosed(RuntimeError):
    """The server closed the websocket (it went away, or refused the connection)."""


class BrowserlessSession:
    """One visitor's Streamlit session on `base_url` (nginx or one app server)."""

    def __init__(self, base_url: str, timeout_s: float = VIEW_TIMEOUT_S) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.cookies = CookieJar()
        self.ws: ClientConnection | None = None

    # -- connection -----------------------------------------------------------------------

    def open(self) -> None:
        """GET the app's page (cookies), then open the websocket as the page's script does."""
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(self.cookies)
        )
        with opener.open(self.base_url + "/", timeout=self.timeout_s) as response:
            response.read()
        parts = urlsplit(self.base_url)
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
        xsrf = next((c.value for c in self.cookies if c.name == "_streamlit_xsrf"), "")
        protocols = ["streamlit", xsrf] if xsrf else ["streamlit"]
        self.ws = connect(
            f"ws://{parts.netloc}/_stcore/stream",
            origin=f"{parts.scheme}://{parts.netloc}",
            additional_headers={"Cookie": cookie} if cookie else None,
            subprotocols=protocols,  # the browser passes its XSRF token this way
            open_timeout=self.timeout_s,
            max_size=None,
            compression=None,
            legacy=True,  # a connection kept open across views, closed by `close`
        )

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None

    def __enter__(self) -> BrowserlessSession:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def affinity(self) -> str | None:
        """nginx's affinity cookie for this session (which app server it is kept on)."""
        return next((c.value for c in self.cookies if c.name == "democdash_affinity"), None)

    # -- views ----------------------------------------------------------------------------

    def visit(self, page: str, query: str = "") -> View:
        """Ask for `page` (its url path, "" for the default page) with `query` and wait until
        its script run has finished. A closed socket raises `SessionClosed`."""
        if self.ws is None:
            self.open()
        assert self.ws is not None
        message = BackMsg(
            rerun_script=ClientState(query_string=query, page_script_hash="", page_name=page)
        )
        started = time.perf_counter()
        raw: list[bytes] = []
        received = 0
        error = None
        deadline = started + self.timeout_s
        try:
            self.ws.send(message.SerializeToString())
            while True:
                left = deadline - time.perf_counter()
                if left <= 0:
                    error = f"no finished script run after {self.timeout_s:.0f} s"
                    break
                try:
                    data = self.ws.recv(timeout=left)
                except TimeoutError:
                    continue
                if isinstance(data, str):
                    data = data.encode()
                received += len(data)
                forward = ForwardMsg()
                forward.ParseFromString(data)
                raw.append(data)
                kind = forward.WhichOneof("type")
                if STORE_UNAVAILABLE.encode() in data:
                    error = "store unavailable"
                    break
                if kind == "delta" and forward.delta.new_element.HasField("exception"):
                    error = error or "exception: " + forward.delta.new_element.exception.message
                elif kind == "page_not_found":
                    error = error or f"page not found: {page!r}"
                elif kind == "script_finished":
                    if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue
                    if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        error = error or "compile error"
                    break
        except Exception as exc:  # the socket went away: the caller reconnects
            self.close()
            raise SessionClosed(f"{type(exc).__name__}: {exc}") from exc
        return View(page, query, time.perf_counter() - started, received, error, raw)
