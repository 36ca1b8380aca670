"""Sources' links checked by Sphinx's linkcheck builder against a server on 127.0.0.1 only."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from claimkb.cli import main
from claimkb.cli.linkcheck import changed_urls, dead_links
from conftest import ROOTS


class Handler(BaseHTTPRequestHandler):
    routes = {"/ok": 200, "/archive/missing": 200, "/moved": 301}

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)

    def answer(self, body: bool) -> None:
        status = self.routes.get(self.path, 404)
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        content = b"<html><body>ok</body></html>" if status == 200 else b""
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def project(tmp_path: Path, server: str) -> Path:
    """The test root, its sources pointing at the local server, laid out as a project."""
    root = tmp_path / "project"
    shutil.copytree(ROOTS / "test-linkcheck", root / "docs")
    shutil.copytree(Path(__file__).parent.parent / "schema", root / "schema")
    (root / "docs" / "claims").rename(root / "claims")
    with (root / "docs" / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('claimkb_collections_dir = "../claims"\n')
    claims = root / "claims" / "registry.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("{base}", server), "utf-8")
    return root


def linkcheck(project: Path, **overrides) -> dict[str, dict]:
    """A real `linkcheck` build of the project's site; its results by URI."""
    app = SphinxTestApp("linkcheck", srcdir=project / "docs", status=StringIO(),
                        warning=StringIO(), confoverrides=overrides)  # fmt: skip
    try:
        app.build()
    finally:
        app.cleanup()
    output = Path(app.outdir) / "output.json"
    shutil.copy(output, project / "output.json")
    return {
        result["uri"]: result for result in map(json.loads, output.read_text("utf-8").splitlines())
    }


def test_linkcheck_reports_each_source_link(project, server):
    results = linkcheck(project)
    assert results[f"{server}/ok"]["status"] == "working"
    assert results[f"{server}/missing"]["status"] == "broken"
    assert "404" in results[f"{server}/missing"]["info"]
    assert results[f"{server}/gone"]["status"] == "broken"
    moved = results[f"{server}/moved"]
    assert moved["status"] == "redirected" and moved["info"] == f"{server}/ok"
    assert all(uri.startswith(server) for uri in results)  # nothing else was reached


def test_dead_links_report_names_the_archived_copy(project, server, capsys):
    linkcheck(project)
    output = project / "output.json"
    dead = dead_links(output, project)
    assert len(dead) == 2
    assert any(
        f"{server}/missing (source dead)" in line
        and f"archived copy: {server}/archive/missing" in line
        for line in dead
    )
    assert any(
        f"{server}/gone (source dead-unarchived)" in line and "no archive_url" in line
        for line in dead
    )
    assert main(["linkcheck", "--root", str(project), "report", str(output)]) == 1
    assert "dead link:" in capsys.readouterr().out


def test_only_the_listed_urls_are_checked(project, server, tmp_path):
    listed = tmp_path / "urls.txt"
    listed.write_text(f"{server}/missing\n", encoding="utf-8")
    results = linkcheck(project, claimkb_linkcheck_urls_file=str(listed))
    assert results[f"{server}/missing"]["status"] == "broken"
    others = [r["status"] for uri, r in results.items() if uri != f"{server}/missing"]
    assert others and set(others) == {"ignored"}


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(project), "PATH": "/usr/bin:/bin"})  # fmt: skip


def test_changed_urls_lists_the_sources_a_change_touches(project, server):
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    assert changed_urls(project, "HEAD") == []
    claims = project / "claims" / "registry.yaml"
    text = claims.read_text(encoding="utf-8").replace(f"{server}/gone", f"{server}/gone-again")
    text += f"  - id: added\n    title: New\n    url: {server}/new\n"
    text += "    published: 2025-02-01\n    type: blog\n"
    claims.write_text(text, encoding="utf-8")
    assert changed_urls(project, "HEAD") == [f"{server}/gone-again", f"{server}/new"]
