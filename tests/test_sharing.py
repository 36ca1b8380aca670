"""Links that travel: OpenGraph and Twitter card tags, descriptions built from claims, the share
page of each claim (`c/<claim-id>.html`), the sitemap and the canonical URL, from real builds of
`test-sharing`, with and without the site's address (`html_baseurl`)."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from claimkb.core.prose_checks import missing_spaces
from claimkb.views.sharing import (
    DESCRIPTION_LENGTH,
    GENERATOR,
    ShareSite,
    headline,
    one_line,
    page_description,
    permalink_page,
    permalink_path,
)
from conftest import ROOTS
from helpers import html, warnings_of

BASE = "https://example.org/ledger/"
PAGE_TITLE = "Costs & “quotes”, 1 < 2, ‘ticks’"  # the heading, as Sphinx's smart quotes write it
HOSTILE_TITLE = "</script><!-- \"=cmd|' /C calc'!A0 & <b>bold</b>"
SHARED = {  # claim id -> (page, og:title of its share page)
    "deepseek-v3-final-run-cost": ("index.html", "DeepSeek-V3 final training run cost: $5.58M"),
    "hostile-title": ("index.html", HOSTILE_TITLE),
    "nvidia-one-day-loss": ("sub/page.html", "-17% in a day: NVIDIA's record one-day loss: −$589B"),
}


@pytest.fixture
def built(app):
    share = Path(app.outdir) / "c"
    share.mkdir(parents=True, exist_ok=True)
    (share / "gone.html").write_text(f"<head>\n{GENERATOR}\n</head>", encoding="utf-8")
    (share / "theirs.html").write_text("<p>a page of the site's own</p>", encoding="utf-8")
    app.build()
    return app


def html_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def head_tags(page_html: str) -> dict[str, list[str]]:
    """The content of each <meta> (by property or name) and the href of each <link rel>."""
    soup = BeautifulSoup(page_html, "html.parser")
    found: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("http-equiv")
        if key:
            found.setdefault(key, []).append(tag.get("content"))
    for tag in soup.find_all("link", rel=True):
        found.setdefault("link:" + " ".join(tag["rel"]), []).append(tag.get("href"))
    return found


def one(tags: dict[str, list[str]], key: str) -> str:
    assert len(tags.get(key, [])) == 1, (key, tags.get(key))
    return tags[key][0]


def redirect_of(page_html: str) -> str:
    refresh = one(head_tags(page_html), "refresh")
    delay, _, url = refresh.partition("; url=")
    assert delay == "0"
    return url


def lands_on(outdir: Path, share_file: str, link: str) -> tuple[str, str]:
    """(page, anchor) a relative link of a share page leads to, checked to exist."""
    target, _, anchor = link.partition("#")
    page = posixpath.normpath(posixpath.join(posixpath.dirname(share_file), target))
    soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    assert soup.find(id=anchor) is not None, (page, anchor)
    return page, anchor


@pytest.mark.sphinx("html", testroot="sharing")
def test_pages_carry_escaped_card_tags_and_a_description_from_their_claims(built):
    assert warnings_of(built) == []
    page = html(built, "index.html")
    tags = head_tags(page)
    assert one(tags, "og:title") == PAGE_TITLE
    assert 'content="Costs &amp; “quotes”, 1 &lt; 2, ‘ticks’"' in page  # escaped, not just parsed
    expected = "1 sourced figure: DeepSeek-V3 final training run cost ($5.58M)"
    assert one(tags, "og:description") == one(tags, "description") == expected
    assert one(tags, "og:site_name") == "Sharing & <friends>"
    assert one(tags, "twitter:card") == "summary"
    # a page without claims keeps the description its text gives, its words apart even where a
    # value starts a line (the site as it was read "for$5.58M")
    about = head_tags(html(built, "about.html"))
    assert one(about, "og:description") == (
        "A page without claims keeps the description its text gives: this one shows a value at "
        "the start of a line, $5.58M, and $5.58M again."
    )
    assert missing_spaces(one(about, "og:description")) == []
    folder = head_tags(html(built, "sub/page.html"))
    assert one(folder, "og:description").startswith("1 sourced figure: -17% in a day")
    assert one(folder, "description") == "A page that describes itself"  # its own, kept


@pytest.mark.sphinx("html", testroot="sharing")
def test_without_an_address_nothing_absolute_is_written(built):
    out = Path(built.outdir)
    assert not (out / "sitemap.xml").exists()
    for page in ["index.html", "about.html", "sub/page.html", *(f"c/{c}.html" for c in SHARED)]:
        tags = head_tags(html(built, page))
        for key in ("og:url", "og:image", "link:canonical"):
            assert key not in tags, (page, key)
        assert "example.org" not in html(built, page)


@pytest.mark.sphinx("html", testroot="sharing")
def test_each_claim_has_a_share_page_that_previews_it_and_leads_to_its_card(built):
    out = Path(built.outdir)
    for claim_id, (page, title) in SHARED.items():
        share_file = f"c/{claim_id}.html"
        share = html(built, share_file)
        tags = head_tags(share)
        assert one(tags, "og:title") == one(tags, "twitter:title") == title
        assert one(tags, "og:description") == one(tags, "twitter:description")
        assert lands_on(out, share_file, redirect_of(share)) == (page, f"claim-{claim_id}")
        link = BeautifulSoup(share, "html.parser").body.find("a")["href"]
        assert link == redirect_of(share)
        # the card's share link leads to this file
        card = BeautifulSoup(html(built, page), "html.parser").find(id=f"claim-{claim_id}")
        href = card.find("a", class_="claim-share")["href"]
        assert posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) == share_file
    description = one(head_tags(html(built, "c/deepseek-v3-final-run-cost.html")), "description")
    assert description == (
        "Metric: Cost; scope: Final training run; method: Cloud-rental equivalent. "
        "Claimed by DeepSeek, as of 2024-12-27. Source: DeepSeek-V3 Technical Report."
    )
    # no element, attribute or script comes from a value
    hostile = BeautifulSoup(html(built, "c/hostile-title.html"), "html.parser")
    assert [tag.name for tag in hostile.find_all(["script", "b"])] == []
    # stale share pages go, files that are not share pages stay
    assert sorted(path.name for path in (out / "c").iterdir()) == sorted(
        [f"{claim_id}.html" for claim_id in SHARED] + ["theirs.html"]
    )


@pytest.mark.sphinx("html", testroot="sharing", confoverrides={"html_baseurl": BASE.rstrip("/")})
def test_with_an_address_pages_get_absolute_urls_and_a_sitemap(built):
    assert warnings_of(built) == []
    tags = head_tags(html(built, "sub/page.html"))
    assert one(tags, "og:url") == one(tags, "link:canonical") == BASE + "sub/page.html"
    assert one(tags, "og:image") == BASE + "_static/card.png"
    assert one(tags, "og:image:alt") == "Sharing & <friends>"
    assert one(tags, "twitter:card") == "summary_large_image"
    sitemap = (Path(built.outdir) / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert locations == [
        BASE + page for page in ("about.html", "claim-index.html", "index.html", "sub/page.html")
    ]
    # an incremental build writes only the edited page, and the sitemap still lists every page
    about = Path(built.srcdir) / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    built.build()
    again = (Path(built.outdir) / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>(.*?)</loc>", again) == locations
    # a share page previews as itself: og:url and canonical are its own address
    share = head_tags(html(built, "c/nvidia-one-day-loss.html"))
    own = BASE + "c/nvidia-one-day-loss.html"
    assert one(share, "og:url") == one(share, "link:canonical") == own
    assert one(share, "og:image") == BASE + "_static/card.png"
    assert one(share, "twitter:card") == "summary_large_image"
    assert redirect_of(html(built, "c/nvidia-one-day-loss.html")).startswith("../sub/page.html#")


@pytest.mark.sphinx("text", testroot="sharing", confoverrides={"html_baseurl": BASE})
def test_other_builders_get_no_share_pages_nor_links(app):
    app.build()
    assert warnings_of(app) == []
    out = Path(app.outdir)
    assert not (out / "c").exists() and not (out / "sitemap.xml").exists()
    assert "share" not in (out / "index.txt").read_text(encoding="utf-8")


@pytest.mark.sphinx(
    "html",
    testroot="sharing",
    confoverrides={"html_baseurl": BASE, "ogp_image": "", "ogp_social_cards": {"enable": True}},
)
def test_social_cards_are_drawn_when_the_configuration_asks_for_them(built):
    """The build loads sphinxext-opengraph without its social cards (they import matplotlib):
    a site that asks for them still gets them."""
    assert warnings_of(built) == []
    image = one(head_tags(html(built, "about.html")), "og:image")
    assert image.startswith(BASE + "_images/social_previews/summary_about_")
    assert (Path(built.outdir) / image.removeprefix(BASE)).stat().st_size > 0


@pytest.mark.slow
def test_a_build_without_charts_imports_neither_matplotlib_nor_pandas(tmp_path):
    """Start-up pays for what a build uses: sphinxext-opengraph's social cards (matplotlib) are
    not imported unless asked for, and the CPI is read without the `cpi` package (pandas)."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-sharing", src)
    script = (
        "import sys\n"
        "from sphinx.cmd.build import main\n"
        f"status = main(['-q', '-W', '-b', 'html', {str(src)!r}, {str(tmp_path / 'out')!r}])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'pandas', 'cpi'})\n"
        "print(status, heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "0 []", result.stdout + result.stderr
    page = html_of(tmp_path / "out" / "index.html")
    assert one(head_tags(page), "og:title") == PAGE_TITLE  # sphinxext-opengraph still ran


# --- the views, alone ---------------------------------------------------------------------------
class Tags(HTMLParser):
    """Every start tag of a document, and the text of <title>."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


texts = st.text(max_size=300)
claims = st.fixed_dictionaries(
    {
        "id": st.just("a-claim"),
        "title": texts,
        "value_text": st.none() | texts,
        "text": st.none() | texts,
        "claimant": st.none() | st.fixed_dictionaries({"id": st.just("x"), "name": texts}),
        "as_of": st.none() | texts,
        "source": st.fixed_dictionaries({"id": st.just("s"), "title": st.none() | texts}),
        "metric": st.none() | st.fixed_dictionaries({"id": st.just("m"), "name": texts}),
    }
)


@given(claims, texts, st.sampled_from(["", BASE]))
def test_a_share_page_of_any_values_has_its_tags_and_no_other(claim, site_name, base):
    site = ShareSite(name=site_name, language="en", base_url=base, image=BASE + "card.png")
    page = permalink_page(claim, "../index.html#claim-a-claim", site)
    parser = Tags()
    parser.feed(page)
    names = [tag for tag, _ in parser.tags]
    expected = ["html", "head", "meta", "meta", "title", "meta", "meta"]
    assert names[: len(expected)] == expected
    assert set(names) <= {"html", "head", "meta", "title", "link", "body", "p", "a"}
    assert names.count("a") == 1 and names.count("link") == (1 if base else 0)
    og_title = [
        attrs["content"] for tag, attrs in parser.tags if attrs.get("property") == "og:title"
    ]
    assert og_title == [headline(claim)]
    assert all(
        attrs.get("content") is None or "\n" not in attrs["content"] for _, attrs in parser.tags
    )


@given(st.lists(claims, max_size=30))
def test_a_page_description_is_short_and_counts_its_figures(page_claims):
    description = page_description(page_claims)
    assert len(description) <= DESCRIPTION_LENGTH
    assert (description == "") == (page_claims == [])
    figures = [c for c in page_claims if one_line(c["value_text"])]
    if figures:
        assert description.startswith(f"{len(figures)} sourced figure")


@pytest.mark.parametrize("claim_id", ["", "../escape", "a/../b", "A", "a b", "a--b", "x" * 81])
def test_ids_that_name_no_file_get_no_share_page(claim_id):
    assert permalink_path(claim_id) is None
