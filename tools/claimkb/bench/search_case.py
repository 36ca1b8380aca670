"""What the search costs a reader and a build: the query set's top-1 and top-3 rates on the real
site (English and French), and, on any built site, the bytes a reader downloads before the
first result and the time to it, in Chromium with its CPU slowed four times through the DevTools
protocol (`Emulation.setCPUThrottlingRate`, a phone-class CPU).

Each query is a cold visit (a fresh browser context: nothing cached) of `search.html?q=...`;
the bytes are what the network delivered (each finished request's body and headers, the
search's worker included) until the page marks its first results, the time is the page's own
`performance.now()` at that moment
(from the start of the navigation). The site is served by Python's HTTP server, uncompressed: a
real host compresses the JavaScript and the page, so these bytes are an upper bound.
"""

from __future__ import annotations

import functools
import statistics
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import yaml

REPOSITORY = Path(__file__).resolve().parents[3]
QUERY_SET = REPOSITORY / "tests" / "search_queries.yaml"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
#: the issue's goals: bytes before the first result, index time as a share of the build,
#: seconds to the first result on a phone-class CPU, top-3 and top-1 rates of the query set
GOALS = {"first_result_kb": 300, "index_share": 0.10, "first_result_s": 1.0, "top3": 0.9,
         "top1": 0.75}  # fmt: skip
CPU_SLOWDOWN = 4
RESULTS = """els => els.map(e => e.querySelector('a.claimkb-result-title').getAttribute('href'))"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


def query_set() -> list[dict]:
    return yaml.safe_load(QUERY_SET.read_text(encoding="utf-8"))["queries"]


def target(href: str, base: str) -> str:
    """`claim:ID` for a card's link, `page:DOCNAME` for a page's (either edition)."""
    path = href.removeprefix(base).removeprefix("fr/")
    if "#claim-" in path:
        return "claim:" + path.split("#claim-", 1)[1]
    return "page:" + path.split("#", 1)[0].removesuffix(".html")


def score(queries: list[dict], found: dict[str, list[str]]) -> dict:
    """Top-1 and top-3 rates of `found` (query key -> result targets) against the query set."""
    rows, first, three = [], 0, 0
    for query in queries:
        targets = found[key(query)]
        top1 = bool(targets) and targets[0] in query["expect"]
        top3 = any(t in query["expect"] for t in targets[:3])
        first, three = first + top1, three + top3
        rows.append({"query": query["query"], "lang": query["lang"], "within": query["within"],
                     "top1": top1, "top3": top3, "got": targets[:3]})  # fmt: skip
    count = len(queries) or 1
    return {"top1": round(first / count, 3), "top3": round(three / count, 3),
            "queries": len(queries), "rows": rows}  # fmt: skip


def key(query: dict) -> str:
    return f"{query['lang']}:{query['query']}"


def serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def measure(site: Path, queries: list[dict], log, slowdown: int = CPU_SLOWDOWN) -> dict:
    """Cold visits of each query's results page: its targets, bytes and time to first result.

    In a thread of its own: Playwright's synchronous API refuses to run where an asyncio loop
    runs (a test session may have one)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_measure, site, queries, log, slowdown).result()


def _measure(site: Path, queries: list[dict], log, slowdown: int) -> dict:
    if not CHROMIUM.is_file():
        return {"skipped": f"Chromium not found at {CHROMIUM}"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        return {"skipped": f"Playwright is not installed ({error})"}
    server, base = serve(site)
    visits = {}
    try:
        with sync_playwright() as api:
            browser = api.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for query in queries:
                visits[key(query)] = _visit(browser, base, query, slowdown)
            browser.close()
    finally:
        server.shutdown()
    log(f"search: {len(visits)} cold visits of search.html, CPU slowed {slowdown} times")
    return {"base": base, "visits": visits}


def _visit(browser, base: str, query: dict, slowdown: int) -> dict:
    context = browser.new_context()
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    # the context's requests include the search's worker, which fetches the index
    received: list[tuple[str, int]] = []
    context.on("requestfinished", lambda request: received.append(_size(request)))
    edition = "fr/" if query["lang"] == "fr" else ""
    page.goto(f"{base}{edition}search.html?q={quote(query['query'])}")
    page.wait_for_selector("#claimkb-search[data-first-result-ms]", timeout=60_000)
    seen = list(received)
    first_ms = page.get_attribute("#claimkb-search", "data-first-result-ms")
    search_ms = page.get_attribute("#claimkb-search", "data-search-ms")
    page.wait_for_selector("#claimkb-search[data-ready]", timeout=60_000)
    links = page.eval_on_selector_all("li.claimkb-result", RESULTS)
    context.close()
    return {
        "targets": [target(href, base) for href in links],
        "bytes": sum(size for _, size in seen),
        "index_bytes": sum(size for url, size in seen if "/pagefind/" in url),
        "first_result_s": round(int(first_ms) / 1000, 3) if first_ms else None,
        # from the search's start (its code loaded, the page drawn) to its first results
        "search_s": round(int(search_ms) / 1000, 3) if search_ms else None,
    }


def _size(request) -> tuple[str, int]:
    """A finished request's address and the bytes it brought (body and headers)."""
    try:
        sizes = request.sizes()
    except Exception:  # a request whose sizes Chromium no longer knows: counted as nothing
        return request.url, 0
    return request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]


def summary(visits: dict) -> dict:
    """The largest and the median bytes and times over the visits."""
    sizes = [v["bytes"] for v in visits.values()]
    index = [v["index_bytes"] for v in visits.values()]
    times = [v["first_result_s"] for v in visits.values() if v["first_result_s"] is not None]
    searches = [v["search_s"] for v in visits.values() if v.get("search_s") is not None]
    return {
        "first_result_kb_max": round(max(sizes) / 1024, 1) if sizes else None,
        "first_result_kb_median": round(statistics.median(sizes) / 1024, 1) if sizes else None,
        "index_kb_max": round(max(index) / 1024, 1) if index else None,
        "index_kb_median": round(statistics.median(index) / 1024, 1) if index else None,
        "first_result_s_max": max(times) if times else None,
        "first_result_s_median": round(statistics.median(times), 3) if times else None,
        "search_s_max": max(searches) if searches else None,
        "search_s_median": round(statistics.median(searches), 3) if searches else None,
    }


def query_set_case(site: Path, log) -> dict:
    """The query set on a built real site (French edition in `fr/`): rates, bytes, times."""
    queries = query_set()
    measured = measure(site, queries, log)
    if "skipped" in measured:
        return measured
    found = {k: v["targets"] for k, v in measured["visits"].items()}
    result = score(queries, found)
    log(f"search: top-1 {result['top1']:.0%}, top-3 {result['top3']:.0%} of {len(queries)}")
    return {**result, **summary(measured["visits"])}


def search_rows(real: dict | None, epoch: dict | None) -> list[dict]:
    """Rows of the ratio table for the search's goals."""
    rows = []
    if real and "top1" in real:
        size = f"real site: {real['queries']} queries"
        rows += [
            (size, "query set: top-1 rate", real["top1"], GOALS["top1"]),
            (size, "query set: top-3 rate", real["top3"], GOALS["top3"]),
            (size, "KB before the first result (largest)", real["first_result_kb_max"],
             GOALS["first_result_kb"]),
            (size, "search to first results (s), CPU / 4, slowest", real.get("search_s_max"),
             GOALS["first_result_s"]),
        ]  # fmt: skip
    search = (epoch or {}).get("search") or {}
    if epoch and "index_seconds" in search:
        size = f"Epoch: {epoch['models']} models"
        rows += [
            (size, "search index: share of the build", search["index_share"], GOALS["index_share"]),
            (size, "KB before the first result (largest)", search.get("first_result_kb_max"),
             GOALS["first_result_kb"]),
            (size, "search to first results (s), CPU / 4, slowest", search.get("search_s_max"),
             GOALS["first_result_s"]),
        ]  # fmt: skip
    return [
        {
            "size": size,
            "ratio": label,
            "value": value,
            "cpu": None,
            "goal": goal,
            "at_least": "rate" in label,
        }  # fmt: skip
        for size, label, value, goal in rows
    ]


def real_site_search(workdir: Path, log) -> dict:
    """Builds the real site, English and French (`fr/`), and runs the query set on it."""
    from .process import run_child

    out = workdir / "search-site"
    docs = REPOSITORY / "docs"
    base = [sys.executable, "-m", "sphinx", "-b", "html", "-q"]
    log("search: building the real site, English and French, for the query set")
    run_child([*base, str(docs), str(out)], "sphinx-build docs (search)")
    run_child([*base, "-D", "language=fr", str(docs), str(out / "fr")], "sphinx-build docs fr")
    return query_set_case(out, log)
