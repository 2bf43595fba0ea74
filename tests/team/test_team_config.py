"""The team layout's nginx configuration and the load test's figures (no server started)."""

from __future__ import annotations

from pathlib import Path

from democdash.loadtest import stats, team
from democdash.loadtest.writers import article_for, title_of


def test_nginx_config_proxies_websockets_with_affinity_and_headers(tmp_path: Path):
    conf = team.nginx_config([8601, 8602], 8600, tmp_path)
    assert "listen 127.0.0.1:8600;" in conf
    assert "server 127.0.0.1:8601" in conf and "server 127.0.0.1:8602" in conf
    assert "hash $democdash_affinity consistent;" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $connection_upgrade;" in conf
    assert "proxy_set_header X-Real-IP $remote_addr;" in conf
    for name, value in team.SECURITY_HEADERS.items():
        assert f'add_header {name} "{value}" always;' in conf
    assert str(tmp_path / "nginx.pid") in conf  # every file in the work folder


def test_the_csp_names_no_outside_origin_and_allows_streamlits_inline_script_by_hash():
    csp = team.content_security_policy()
    assert "http" not in csp and "*" not in csp and "'unsafe-eval'" not in csp
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in team.CSP_DIRECTIVES["script-src"]
    assert team.streamlit_inline_script_hashes()  # Streamlit 1.67's page has one inline script
    for digest in team.streamlit_inline_script_hashes():
        assert digest in team.CSP_DIRECTIVES["script-src"]


def test_percentiles_are_nearest_rank():
    values = [0.1 * n for n in range(1, 21)]
    assert stats.percentile(values, 50) == values[9]
    assert stats.percentile(values, 95) == values[18]
    assert stats.percentile([], 95) is None


def test_process_readings_come_from_the_process(tmp_path: Path):
    import os

    cpu, rss = stats.cpu_and_rss(os.getpid())
    assert cpu > 0 and rss > 10
    assert stats._proc_rss_mb(os.getpid()) > 10  # the /proc fallback reads the same process


def test_load_test_articles_are_unique_and_findable_by_title():
    a, b = article_for("e1", 1, "run"), article_for("e1", 2, "run")
    assert a.id != b.id and a.text_sha256 != b.text_sha256
    assert title_of(a.id) == a.title
