"""A shared link opened first on a freshly started server: the whole app, not a bare page.

Until some session has called `st.navigation`, Streamlit runs a deep-linked page on its own
(legacy `pages/` mode): without `app.py`, so without the navigation, the sidebar (naming
control, sign-in) and the page config. Every page sends such a run through the frame
(`frame.require_frame`). The session server has already served `/` by the time most tests run,
so this starts a server of its own for each link.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

#: A page that reads no URL state, and one that does.
FIRST_VISITS = ["/add-article", "/events?country=BLR&type=protest"]


@pytest.mark.parametrize("link", FIRST_VISITS)
def test_the_first_visit_of_a_fresh_server_through_a_deep_link_is_in_the_frame(
    page, open_url, launch_server, in_frame, tmp_path, link
):
    env = {
        "DEMOCDASH_HOME": str(tmp_path),
        "DEMOCDASH_DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}",
    }
    with launch_server(tmp_path, env) as server:
        open_url(server.url + link)
        in_frame(page)
        assert parse_qs(urlsplit(page.url).query) == parse_qs(urlsplit(link).query)
        assert (
            page.locator('[data-testid="stSidebar"]')
            .get_by_text("Contested country name")
            .is_visible()
        )
