"""A built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

The site (`tests/roots/test-browser`) is built once per session into a temporary folder. Without
Chromium the browser tests skip, unless `CLAIMKB_REQUIRE_BROWSER=1` (set by `.ci/run`): there a
missing browser fails them.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ROOTS = REPO / "tests" / "roots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"


def _unavailable(reason: str) -> None:
    if os.environ.get("CLAIMKB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (CLAIMKB_REQUIRE_BROWSER=1: browser tests must run here)")
    pytest.skip(f"{reason}; browser tests skipped (install it with `apt-get install chromium`)")


@pytest.fixture(scope="session")
def playwright_api():
    if not CHROMIUM.is_file():
        _unavailable(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        _unavailable(f"Playwright for Python is not installed ({error})")
    with sync_playwright() as api:
        yield api


@pytest.fixture(scope="session")
def browser(playwright_api, tmp_path_factory):
    """A persistent context in a fresh user-data folder: nothing from another run leaks in."""
    context = playwright_api.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 900},
    )
    yield context
    context.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


def sphinx_build(source: Path, outdir: Path, strict: bool = True, *more: str) -> None:
    """Builds `source` as HTML (strictly: warnings are errors), with `more` options."""
    options = ["-q", "-b", "html", *(["-W", "--keep-going", "-n"] if strict else []), *more]
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", *options, str(source), str(outdir)],
        capture_output=True,
        text=True,
        env={**os.environ, "CLAIMKB_SCHEMA_DIR": str(REPO / "schema")},
    )
    assert build.returncode == 0, build.stderr


def build_and_serve(source: Path, outdir: Path, strict: bool = True) -> Iterator[str]:
    """Builds `source` (strictly: warnings are errors), serves it and yields its base URL."""
    sphinx_build(source, outdir, strict)
    handler = functools.partial(_QuietHandler, directory=str(outdir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Iterator[str]:
    """`tests/roots/test-browser`, built and served."""
    source = tmp_path_factory.mktemp("site") / "src"
    shutil.copytree(ROOTS / "test-browser", source)
    yield from build_and_serve(source, source.parent / "html")


@pytest.fixture(scope="session")
def real_site(real_site_dir) -> Iterator[str]:
    """The AI Cost Ledger itself, built from `docs/` into a temporary folder, and served."""
    # `make html` holds the site to zero warnings; here only what the reader meets matters
    yield from build_and_serve(REPO / "docs", real_site_dir, strict=False)


@pytest.fixture(scope="session")
def bilingual_site(real_site, french_edition) -> str:
    """`real_site` with its French edition in `fr/`, where `make html-fr` puts it (the strict
    build of the session, which tests/test_translations.py holds to zero warnings)."""
    assert french_edition.written, french_edition.stderr
    return real_site


@dataclass
class Visit:
    """A browser tab that records console errors and uncaught exceptions."""

    page: object
    base: str
    errors: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        # a chart's drawings come in by script after the page (views/chart_html.py)
        self.page.wait_for_function(
            "() => !document.querySelector('img.claimkb-chart-static')"
            " || document.documentElement.dataset.claimkbCharts === 'drawn'"
        )

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path


def open_tab(browser, base: str) -> Visit:
    page = browser.new_page()
    visit = Visit(page, base)
    page.on(
        "console",
        lambda m: (
            visit.errors.append(f"{m.text} at {m.location.get('url')}")
            if m.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    return visit


@pytest.fixture
def tab(browser, site) -> Iterator[Visit]:
    visit = open_tab(browser, site)
    yield visit
    visit.page.close()


@pytest.fixture
def ledger_tab(browser, real_site) -> Iterator[Visit]:
    visit = open_tab(browser, real_site)
    yield visit
    visit.page.close()


@pytest.fixture(scope="session")
def phone(playwright_api):
    """A phone: 375 pixels wide, touch and no mouse (`locator.tap()` works), in a browser of its
    own, since the session's persistent context has no touch."""
    phone_browser = playwright_api.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    context = phone_browser.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True
    )
    yield context
    context.close()
    phone_browser.close()


@pytest.fixture(scope="session")
def without_script(playwright_api):
    """A desktop browser with JavaScript off: what a reader without script gets."""
    plain_browser = playwright_api.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    context = plain_browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    yield context
    context.close()
    plain_browser.close()


@pytest.fixture
def phone_tab(phone, real_site) -> Iterator[Visit]:
    """The AI Cost Ledger on a phone."""
    visit = open_tab(phone, real_site)
    yield visit
    visit.page.close()


@pytest.fixture
def bilingual_tab(browser, bilingual_site) -> Iterator[Visit]:
    visit = open_tab(browser, bilingual_site)
    yield visit
    visit.page.close()


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """`tests/roots/test-hostile` (hostile text in every field), built and served."""
    source = tmp_path_factory.mktemp("hostile") / "src"
    shutil.copytree(ROOTS / "test-hostile", source)
    outdir = source.parent / "html"
    for base in build_and_serve(source, outdir):
        yield base, outdir


@pytest.fixture
def hostile_tab(browser, hostile_site) -> Iterator[Visit]:
    visit = open_tab(browser, hostile_site[0])
    yield visit
    visit.page.close()
