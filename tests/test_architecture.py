"""Rules of the code's shape (GUIDE.md section 1), checked on the parsed source, not by grep."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
PACKAGE_DIR = REPO_DIR / "democdash"
UI_DIR = PACKAGE_DIR / "ui"
BENCH_DIR = REPO_DIR / "democdash_bench"
PAGES_DIR = REPO_DIR / "pages"
MAX_PAGE_LINES = 120
SKIPPED_DIRS = {"tests", "node_modules", "build", "dist", "__pycache__", "venv"}


def python_files(root: Path) -> Iterator[Path]:
    """The project's .py files under `root`: no tests, virtualenvs, hidden or build folders."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(".") and name not in SKIPPED_DIRS
        )
        yield from (Path(folder) / name for name in sorted(files) if name.endswith(".py"))


def imported_modules(source: str) -> set[str]:
    """Top-level names of every module the source imports (also `importlib.import_module("x")`)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value.split(".")[0])
    return found


def unsafe_html_lines(source: str) -> list[int]:
    """Lines of calls that pass `unsafe_allow_html=` anything but a literal False."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "unsafe_allow_html"
        and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False)
    ]


#: Memoising decorators (of functools, or imported from it under their own names).
CACHE_DECORATORS = {"lru_cache", "cache", "cached_property"}


def cache_decorator_lines(source: str) -> list[int]:
    """Lines where a functools cache is applied: as a decorator (`@lru_cache(...)`, `@cache`,
    `@cached_property`) or called on a function (`lru_cache(maxsize=1)(load)`)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if _name(target) in CACHE_DECORATORS:
                    lines.append(node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Call)
            and _name(node.func.func) in CACHE_DECORATORS
        ) or (isinstance(node, ast.Call) and _name(node.func) in CACHE_DECORATORS and node.args):
            lines.append(node.lineno)
    return sorted(set(lines))


def _name(node: ast.AST) -> str | None:
    return getattr(node, "attr", getattr(node, "id", None))


def _relative(path: Path) -> str:
    return str(path.relative_to(REPO_DIR))


#: The code of the installed packages (democdash, democdash_bench) that may import streamlit,
#: and why. Everything else in them is plain Python, testable without the app. (app.py and
#: pages/ are the app itself, outside the packages.)
STREAMLIT_DRIVERS: dict[Path, str] = {
    UI_DIR: "the app's UI edge: cached loaders, shared widgets, URL state",
    BENCH_DIR / "apptest.py": "the bench reruns the app's pages with Streamlit's AppTest",
    BENCH_DIR / "runner.py": "the bench clears Streamlit's caches between datasets",
    BENCH_DIR / "apps": "the bench's reference apps are Streamlit scripts themselves",
}
#: The one module of the app's package that may import the bench: the command that runs it.
BENCH_COMMAND = PACKAGE_DIR / "cli" / "bench_cmds.py"


def may_drive_streamlit(path: Path) -> bool:
    """Whether `path` is (inside) one of `STREAMLIT_DRIVERS`."""
    return any(path == allowed or allowed in path.parents for allowed in STREAMLIT_DRIVERS)


def test_only_the_ui_edge_and_the_bench_harness_import_streamlit():
    offenders = [
        _relative(path)
        for root in (PACKAGE_DIR, BENCH_DIR)
        for path in python_files(root)
        if not may_drive_streamlit(path) and "streamlit" in imported_modules(path.read_text())
    ]
    allowed = "; ".join(f"{_relative(p)}: {why}" for p, why in STREAMLIT_DRIVERS.items())
    assert not offenders, (
        "Only the UI edge and the bench's harness may import streamlit; the rest is plain "
        "Python, testable without the app. Move the streamlit part into democdash/ui/ (or, "
        f"for the bench, apptest.py). Allowed: {allowed}. Found in: {offenders}"
    )


def test_the_app_does_not_depend_on_its_bench():
    # The bench measures the app from outside (AppTest, `streamlit run`, Chromium): the app,
    # its pages and its package run without it. Only the `democdash bench` command loads it.
    app_code = [REPO_DIR / "app.py", *sorted(PAGES_DIR.glob("*.py")), *python_files(PACKAGE_DIR)]
    offenders = [
        _relative(path)
        for path in app_code
        if path != BENCH_COMMAND and "democdash_bench" in imported_modules(path.read_text())
    ]
    assert not offenders, f"the app imports its bench (democdash_bench) in: {offenders}"


def test_no_unsafe_allow_html_outside_tests():
    offenders = [
        f"{_relative(path)}:{line}"
        for path in python_files(REPO_DIR)
        for line in unsafe_html_lines(path.read_text())
    ]
    assert not offenders, (
        "unsafe_allow_html must not be used outside tests/: text from articles and analysts "
        f"must never reach the page as raw HTML. Found at: {offenders}"
    )


def test_domain_code_has_no_caches():
    offenders = [
        f"{_relative(path)}:{line}"
        for path in python_files(PACKAGE_DIR)
        if UI_DIR not in path.parents
        for line in cache_decorator_lines(path.read_text())
    ]
    assert not offenders, (
        "Domain code stays cache-free (GUIDE.md): cache at the UI edge, in democdash/ui/, "
        "or have the caller hold what was built (as the CLI holds its Extractor). "
        f"Cached at: {offenders}"
    )


def test_pages_are_thin():
    too_long = {
        _relative(path): n
        for path in sorted(PAGES_DIR.glob("*.py"))
        if (n := len(path.read_text().splitlines())) > MAX_PAGE_LINES
    }
    assert not too_long, (
        f"A page in pages/ is layout only, at most {MAX_PAGE_LINES} lines: move data work, "
        f"logic and repeated widgets into democdash/ or democdash/ui/. Too long: {too_long}"
    )


# The checks must see what they look for (a rule whose scanner finds nothing proves nothing).


def first_statement_call(source: str) -> str | None:
    """`module.function` of the first statement after a file's docstring and imports, if it is
    a plain call."""
    body = [
        node
        for node in ast.parse(source).body
        if not isinstance(node, ast.Import | ast.ImportFrom)
        and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
    ]
    first = body[0] if body else None
    if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Call)):
        return None
    func = first.value.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return f"{func.value.id}.{func.attr}"
    return None


def test_every_page_first_makes_sure_it_runs_in_the_frame():
    # A fresh server runs a deep-linked page on its own (Streamlit's legacy pages/ mode);
    # frame.require_frame() sends it through app.py before the page draws anything.
    pages = sorted(PAGES_DIR.glob("*.py"))
    assert pages
    unframed = [
        p.name for p in pages if first_statement_call(p.read_text()) != "frame.require_frame"
    ]
    assert not unframed, f"pages that do not call frame.require_frame() first: {unframed}"


def test_import_scanner_sees_every_form_of_import():
    assert imported_modules("import streamlit as st") == {"streamlit"}
    assert imported_modules("from streamlit.testing.v1 import AppTest") == {"streamlit"}
    assert imported_modules("def f():\n    import streamlit.components.v1") == {"streamlit"}
    assert imported_modules("importlib.import_module('streamlit')") == {"streamlit"}
    assert imported_modules("from . import streamlit") == set()  # a relative import


def test_unsafe_html_scanner_sees_every_call():
    assert unsafe_html_lines("st.markdown(x, unsafe_allow_html=True)") == [1]
    assert unsafe_html_lines("x = 1\nst.html(y, unsafe_allow_html=flag)") == [2]
    assert unsafe_html_lines("st.markdown(x, unsafe_allow_html=False)") == []


def test_cache_scanner_sees_every_form_of_decorator():
    assert cache_decorator_lines("@functools.lru_cache(maxsize=4)\ndef f(): pass") == [2]
    assert cache_decorator_lines("@lru_cache\ndef f(): pass") == [2]
    assert cache_decorator_lines("class A:\n    @functools.cache\n    def f(self): pass") == [3]
    assert cache_decorator_lines("class A:\n    @cached_property\n    def f(self): pass") == [3]
    assert cache_decorator_lines("load = functools.lru_cache(maxsize=1)(read)") == [1]
    assert cache_decorator_lines("load = functools.cache(read)") == [1]
    assert cache_decorator_lines("@st.cache_resource\ndef f(): pass") == []


def test_the_rules_look_at_the_real_tree():
    package_files = list(python_files(PACKAGE_DIR))
    assert PACKAGE_DIR / "settings.py" in package_files
    assert any(UI_DIR in path.parents for path in package_files), "democdash/ui/ not scanned"
    bench_files = list(python_files(BENCH_DIR))
    assert BENCH_DIR / "results.py" in bench_files, "democdash_bench/ not scanned"
    assert all(allowed.exists() for allowed in STREAMLIT_DRIVERS), "a driver path has moved"
    assert "democdash_bench" in imported_modules(BENCH_COMMAND.read_text())
    assert REPO_DIR / "app.py" in list(python_files(REPO_DIR))
    assert list(PAGES_DIR.glob("*.py")), "no pages found in pages/"
