"""Deterministic synthetic knowledge bases: N pages × M claims, written three ways.

The same claims (70% figures, 20% facts, 10% viewpoints relying on others), the same words and the
same cross-page references, as
- `claimkb`: `claim` directives, `{claim}`/`{claim-value}` roles, registries in `claims/*.yaml`;
- `baseline`: each claim a plain admonition holding the same words, `{ref}` links to labels;
- `needs`: each claim a sphinx-needs need with the same fields as options and the same links;
- `views`: the `claimkb` project with generated pages, tables, compare blocks and cards
  (`views_corpus`).
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from ..core.formatting import format_value
from ..core.records import JSONObject
from . import views_corpus

VARIANTS = ("claimkb", "baseline", "needs", "views")
#: the variants written with `claim` directives and registries
WITH_REGISTRIES = ("claimkb", "views")
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schema"
UNITS = ("USD", "GPUs", "GPU-hours", "tokens")
CONFIDENCE = ("confident", "likely", "speculative")
ENTITY_TYPES = ("company", "lab", "model", "hardware", "person")
SOURCE_TYPES = ("paper", "news", "analysis", "company-statement")
WORDS = [
    "training",
    "compute",
    "cluster",
    "budget",
    "model",
    "inference",
    "capital",
    "lease",
    "contract",
    "revenue",
    "chips",
    "power",
    "datacenter",
    "estimate",
    "report",
    "analyst",
    "filing",
    "spending",
    "run",
    "hours",
    "price",
    "market",
    "lab",
]
#: Claim fields in the order they are written, as directive options and need options.
FIELDS = (
    "kind",
    "subject",
    "metric",
    "value",
    "low",
    "high",
    "scope",
    "method",
    "as_of",
    "claimant",
    "source",
    "locator",
    "quote",
    "confidence",
    "tags",
)


@dataclass
class Claim:
    id: str
    page: int
    data: dict  # the claim's fields, as the schema types them (lists, numbers)
    text: str  # the statement (the directive's body)
    relies_on: list[str] = field(default_factory=list)


@dataclass
class KnowledgeBase:
    pages: int
    per_page: int
    registries: dict[str, list[dict]]  # collection list name -> records
    claims: list[list[Claim]]  # by page
    prose: list[list[tuple[str, str, str]]]  # by page, after each claim: (sentence, claim, value)

    def claim(self, claim_id: str) -> Claim:
        page, index = (int(part[1:]) for part in claim_id.split("-"))
        return self.claims[page][index]

    def unit_of(self, claim: Claim) -> str:
        metrics = {m["id"]: m for m in self.registries["metrics"]}
        metric = metrics.get(claim.data.get("metric"))
        return metric["unit"] if metric else ""


def kind_of(index: int) -> str:
    """70% figures, 20% facts, 10% viewpoints, by the claim's global index."""
    position = index % 10
    return "figure" if position < 7 else "fact" if position < 9 else "viewpoint"


def claim_id(page: int, index: int) -> str:
    return f"p{page:03d}-c{index:02d}"


def sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def knowledge_base(pages: int, per_page: int, seed: int = 0) -> KnowledgeBase:
    rng = random.Random(f"claimkb-bench-{seed}-{pages}x{per_page}")
    registries = _registries(rng, pages)
    ids = {key: [r["id"] for r in records] for key, records in registries.items()}
    figures = [
        claim_id(p, i)
        for p in range(pages)
        for i in range(per_page)
        if kind_of(p * per_page + i) == "figure"
    ]

    def elsewhere(page: int, pool: list[str]) -> str:
        """A claim of `pool` on another page (drawn again until it is: copying the pool without
        this page's claims, for every reference, would make generation quadratic)."""
        while True:
            chosen = rng.choice(pool)
            if pages == 1 or int(chosen[1:4]) != page:
                return chosen

    claims, prose = [], []
    for page in range(pages):
        page_claims, page_prose = [], []
        for index in range(per_page):
            kind, cid = kind_of(page * per_page + index), claim_id(page, index)
            word = rng.choice(WORDS).capitalize()
            data: JSONObject = {"kind": kind, "title": f"{word} {cid} {kind}"}
            if kind != "viewpoint":
                data["subject"] = rng.sample(ids["entities"], k=rng.choice((1, 1, 2)))
            if kind == "figure":
                value = rng.randint(1, 9999) * 10 ** rng.randint(0, 6)
                data.update(metric=rng.choice(ids["metrics"]), value=value)
                if rng.random() < 0.25:
                    data.update(low=value * 8 // 10, high=value * 12 // 10)
                data.update(
                    scope=rng.choice(ids["scopes"]),
                    method=rng.choice(ids["methods"]),
                    as_of=f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}",
                )
            data.update(
                claimant=rng.choice(ids["entities"]),
                source=rng.choice(ids["sources"]),
                locator=f"Table {rng.randint(1, 9)}",
            )
            if rng.random() < 0.3:
                data["quote"] = sentence(rng, 20)
            if kind == "figure":
                data["confidence"] = rng.choice(CONFIDENCE)
            data["tags"] = sorted(set(rng.sample(WORDS, k=2)))
            claim = Claim(cid, page, data, sentence(rng, 25))
            if kind == "viewpoint":
                claim.relies_on = [elsewhere(page, figures)]
                if index:
                    claim.relies_on.append(claim_id(page, index - 1))
            page_claims.append(claim)
            page_prose.append(
                (sentence(rng, 30), elsewhere(page, figures), elsewhere(page, figures))
            )
        claims.append(page_claims)
        prose.append(page_prose)
    return KnowledgeBase(pages, per_page, registries, claims, prose)


def _registries(rng: random.Random, pages: int) -> dict[str, list[dict]]:
    """Registries sized to the knowledge base: two entities and two sources a page, and one
    metric, scope and method per ten pages (at least three of each)."""
    definitions = max(3, pages // 10)
    entities = [
        {
            "id": f"entity-{i:03d}",
            "name": f"{rng.choice(WORDS).capitalize()} {i}",
            "type": rng.choice(ENTITY_TYPES),
            "description": sentence(rng),
        }
        for i in range(max(6, 2 * pages))
    ]
    sources = [
        {
            "id": f"source-{i:03d}",
            "title": f"Report {i} on {rng.choice(WORDS)}",
            "url": f"https://example.org/reports/{i}",
            "published": f"2024-{rng.randint(1, 12):02d}-15",
            "type": rng.choice(SOURCE_TYPES),
            "publisher": f"Publisher {i % 7}",
        }
        for i in range(max(4, 2 * pages))
    ]
    metrics = [
        {
            "id": f"metric-{i:02d}",
            "name": f"Metric {i}",
            "unit": UNITS[i % len(UNITS)],
            "definition": sentence(rng),
        }
        for i in range(definitions)
    ]
    scopes, methods = (
        [
            {
                "id": f"{kind}-{i:02d}",
                "name": f"{kind.capitalize()} {i}",
                "definition": sentence(rng),
            }
            for i in range(definitions)
        ]
        for kind in ("scope", "method")
    )
    return {
        "entities": entities,
        "sources": sources,
        "metrics": metrics,
        "scopes": scopes,
        "methods": methods,
    }


# --- writing a project --------------------------------------------------------------------------
def write_project(kb: KnowledgeBase, variant: str, root: Path) -> Path:
    """Write the project of one variant into `root`, laid out as this repository is (`docs/`,
    and for claimkb `claims/` and `schema/`); return its Sphinx source folder, `root/docs`."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; use one of {', '.join(VARIANTS)}")
    docs = root / "docs"
    (docs / "pages").mkdir(parents=True, exist_ok=True)
    (docs / "conf.py").write_text(_conf(variant), encoding="utf-8")
    pages = [f"pages/{_page_name(p)}" for p in range(kb.pages)]
    listings = views_corpus.LISTINGS if variant == "views" else ()
    toctree = "\n".join(["registry", *pages, *listings])
    (docs / "index.md").write_text(
        f"# Synthetic knowledge base\n\n{kb.pages} pages × {kb.per_page} claims.\n\n"
        f"```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n",
        encoding="utf-8",
    )
    (docs / "registry.md").write_text(_registry_page(kb, variant), encoding="utf-8")
    if variant in WITH_REGISTRIES:
        shutil.copytree(SCHEMA_DIR, root / "schema", dirs_exist_ok=True)
        (root / "claims").mkdir(exist_ok=True)
        yaml = YAML()
        yaml.width = 4096
        registries = dict(kb.registries)
        if variant == "views":
            registries["entities"] = views_corpus.with_parents(registries["entities"])
        for name, keys in (
            ("entities", ["entities"]),
            ("sources", ["sources"]),
            ("definitions", ["metrics", "scopes", "methods"]),
        ):
            with (root / "claims" / f"{name}.yaml").open("w", encoding="utf-8") as out:
                yaml.dump({key: registries[key] for key in keys}, out)
    for page in range(kb.pages):
        path = docs / "pages" / f"{_page_name(page)}.md"
        path.write_text(_page(kb, page, variant), encoding="utf-8")
    return docs


def edit_one_claim(kb: KnowledgeBase, docs: Path) -> tuple[Path, str]:
    """Change the statement of one claim on the middle page; return the file and its old text."""
    claim = kb.claims[kb.pages // 2][0]
    path = docs / "pages" / f"{_page_name(claim.page)}.md"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(claim.text, claim.text + " Edited.", 1), encoding="utf-8")
    return path, original


def _page_name(page: int) -> str:
    return f"p{page:03d}"


def _conf(variant: str) -> str:
    extensions = {
        "claimkb": ["myst_parser", "sphinx_design", "claimkb"],
        "views": ["myst_parser", "sphinx_design", "claimkb"],
        "baseline": ["myst_parser", "sphinx_design"],
        "needs": ["myst_parser", "sphinx_design", "sphinx_needs"],
    }[variant]
    lines = [
        f"project = 'Benchmark ({variant})'",
        f"extensions = {extensions!r}",
        "myst_enable_extensions = ['colon_fence', 'deflist']",
        "html_theme = 'furo'",
        "exclude_patterns = ['_build']",
    ]
    if variant in WITH_REGISTRIES:
        lines += ["claimkb_schema_dir = '../schema'", "claimkb_collections_dir = '../claims'"]
    if variant == "views":
        lines += views_corpus.conf_lines()
    if variant == "needs":
        options = [name for name in FIELDS if name != "tags"]
        lines += [
            "needs_types = [{'directive': 'claim', 'title': 'Claim', 'prefix': 'C_'}]",
            "needs_id_required = True",
            r"needs_id_regex = r'^[a-z0-9]+(-[a-z0-9]+)*$'",
            f"needs_fields = {{name: {{'nullable': True}} for name in {options!r}}}",
            "needs_fields.update({name: {'nullable': True, 'schema': {'type': 'number'}}"
            " for name in ('value', 'low', 'high')})",
            "needs_links = {'relies_on': {'incoming': 'relied on by', 'outgoing': 'relies on'}}",
        ]
    return "\n".join(lines) + "\n"


def _option_text(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _registry_page(kb: KnowledgeBase, variant: str) -> str:
    parts = ["# Registries\n"]
    for key, records in kb.registries.items():
        parts.append(f"## {key.capitalize()}\n")
        if variant in WITH_REGISTRIES:
            parts.append(f"```{{registry}} {key}\n```\n")
            continue
        for record in sorted(records, key=lambda r: r["id"]):
            words = [str(v) for name, v in record.items() if name not in ("id", "name", "title")]
            parts.append(f"{record.get('name') or record.get('title')}\n: {' '.join(words)}\n")
    return "\n".join(parts)


def _page(kb: KnowledgeBase, page: int, variant: str) -> str:
    parts = [f"# Page {page}\n", sentence(random.Random(page), 40) + "\n"]
    for claim, (words, target, figure) in zip(kb.claims[page], kb.prose[page], strict=True):
        parts.append(_claim(kb, claim, variant))
        link = _link(kb, target, variant, value=False)
        value = _link(kb, figure, variant, value=True)
        parts.append(f"{words} See {link}, which puts it at {value}.\n")
    if variant == "views":
        parts.append(views_corpus.page_extras(kb, page))
    return "\n".join(parts)


def _link(kb: KnowledgeBase, target: str, variant: str, value: bool) -> str:
    claim = kb.claim(target)
    if variant in WITH_REGISTRIES:
        return f"{{claim-value}}`{target}`" if value else f"{{claim}}`{target}`"
    text = format_value(claim.data, kb.unit_of(claim)) if value else claim.data["title"]
    role = "ref" if variant == "baseline" else "need"
    return f"{{{role}}}`{text} <{target}>`"


def _claim(kb: KnowledgeBase, claim: Claim, variant: str) -> str:
    fields = [(name, claim.data[name]) for name in FIELDS if name in claim.data]
    if claim.relies_on:
        fields.append(("relies_on", claim.relies_on))
    title = claim.data["title"]
    if variant in WITH_REGISTRIES:
        with_title = [fields[0], ("title", title), *fields[1:]]
        options = "".join(f":{name}: {_option_text(value)}\n" for name, value in with_title)
        return f"```{{claim}} {claim.id}\n{options}\n{claim.text}\n```\n"
    if variant == "needs":
        options = "".join(f":{name}: {_option_text(value)}\n" for name, value in fields)
        return f"```{{claim}} {title}\n:id: {claim.id}\n{options}\n{claim.text}\n```\n"
    facts = " · ".join(
        f"{name}: {_option_text(value)}" for name, value in fields if name != "relies_on"
    )
    relies = ""
    if claim.relies_on:
        links = "; ".join(_link(kb, target, variant, value=False) for target in claim.relies_on)
        relies = f"\nRelies on: {links}\n"
    kind = claim.data["kind"].capitalize()
    return (
        f"({claim.id})=\n```{{admonition}} {kind}: {title}\n:class: claim\n\n"
        f"{claim.text}\n\n{facts}\n{relies}```\n"
    )
