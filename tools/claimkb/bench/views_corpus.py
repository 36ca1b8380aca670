"""The `views` variant of the synthetic knowledge base: the `claimkb` project plus what makes the
real site's generated views, so that a build does the work the real site's build does.

- `claimkb_pages_dir` is set: one generated page per entity, source and metric-and-scope pair,
  the five listings (entities, metrics, sources, disputes, timeline), linked from the index;
- models belong to a company or lab (`parent`), as on the real site;
- each page ends with a `claims` table (the claims about one entity), a `compare` block of two
  figures of other pages and a `claim-card` of a figure of another page;
- the project lists `claimkb.bench.written`, which counts the pages a rebuild writes.

The same knowledge base written as `baseline` is the plain-admonition baseline of its pages.
"""

from __future__ import annotations

LISTINGS = ("kb/entities", "kb/metrics", "kb/sources", "kb/disputes", "kb/timeline")
PAGES_DIR = "kb"


def conf_lines() -> list[str]:
    return [
        f"claimkb_pages_dir = {PAGES_DIR!r}",
        "extensions.append('claimkb.bench.written')",
        "nitpicky = True",
    ]


def with_parents(entities: list[dict]) -> list[dict]:
    """Each model belongs to the nearest company or lab listed before it (the first one listed,
    for models before any)."""
    owners = [e["id"] for e in entities if e["type"] in ("company", "lab")]
    result, owner = [], owners[0] if owners else None
    for entity in entities:
        record = dict(entity)
        if record["type"] in ("company", "lab"):
            owner = record["id"]
        elif record["type"] == "model" and owner:
            record["parent"] = owner
        result.append(record)
    return result


def page_extras(kb, page: int) -> str:
    """The views at the end of one page: a claims table, a compare block, a claim card."""
    claims = kb.claims[page]
    about = next(c.data["subject"][0] for c in claims if "subject" in c.data)
    figures = [figure for _words, _target, figure in kb.prose[page]]
    first = figures[0]
    second = next((f for f in figures[1:] if f != first), None)
    card = kb.prose[page][-1][1]
    parts = [
        "## Views\n",
        f"Every claim about `{about}`:\n",
        f"```{{claims}}\n:subject: {about}\n```\n",
    ]
    if second:
        parts.append(f"```{{compare}} {first} {second}\n```\n")
    parts.append(f"```{{claim-card}} {card}\n```\n")
    return "\n".join(parts)
