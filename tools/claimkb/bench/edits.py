"""The edit cases: one change a contributor makes, applied to the files of a built project.

Each `Edit` is a change to one file, made by a function of the file's current text, so that the
edits of a case can be applied one after the other on the same project (each rebuild then measures
exactly one change), and undone at the end by writing back the files as they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: The kinds of edit, in the order they are applied.
EDIT_KINDS = (
    "value",
    "title",
    "subject",
    "scope",
    "new claim",
    "deleted claim",
    "entity rename",
)


class EditError(Exception):
    """The project no longer holds what an edit changes (a claim or entity was renamed)."""


@dataclass(frozen=True)
class Edit:
    kind: str  # one of EDIT_KINDS
    what: str  # what is changed, for people: "deepseek-v3-gpu-hours: value 2788000 → 2788001"
    path: Path
    change: Callable[[str], str]

    def apply(self) -> None:
        text = self.path.read_text(encoding="utf-8")
        changed = self.change(text)
        if changed == text:
            raise EditError(f"{self.path}: the {self.kind} edit changed nothing ({self.what})")
        self.path.write_text(changed, encoding="utf-8")


def claim_block(text: str, claim_id: str, where: Path) -> tuple[int, int]:
    """Start and end of the `{claim} claim_id` directive in `text`, its closing fence included."""
    start = text.find(f"```{{claim}} {claim_id}\n")
    if start < 0:
        raise EditError(f"{where}: no claim directive {claim_id!r} to edit")
    end = text.find("\n```\n", start)
    if end < 0:
        raise EditError(f"{where}: the claim directive {claim_id!r} is not closed")
    return start, end + len("\n```\n")


def option_edit(
    kind: str, path: Path, claim_id: str, option: str, new: Callable[[str], str]
) -> Edit:
    """Change the option `option` of a claim directive: `new(old value)` is the new value."""

    def change(text: str) -> str:
        start, end = claim_block(text, claim_id, path)
        block = text[start:end]
        line = re.search(rf"^:{re.escape(option)}: (.*)$", block, flags=re.MULTILINE)
        if line is None:
            raise EditError(f"{path}: claim {claim_id!r} has no {option} to edit")
        replaced = f":{option}: {new(line.group(1))}"
        return text[:start] + block.replace(line.group(0), replaced, 1) + text[end:]

    old = _current_option(path, claim_id, option)
    return Edit(kind, f"{claim_id}: {option} {old} → {new(old)}", path, change)


def _current_option(path: Path, claim_id: str, option: str) -> str:
    text = path.read_text(encoding="utf-8")
    start, end = claim_block(text, claim_id, path)
    line = re.search(rf"^:{re.escape(option)}: (.*)$", text[start:end], flags=re.MULTILINE)
    if line is None:
        raise EditError(f"{path}: claim {claim_id!r} has no {option} to edit")
    return line.group(1)


def delete_claim(path: Path, claim_id: str) -> Edit:
    def change(text: str) -> str:
        start, end = claim_block(text, claim_id, path)
        return text[:start] + text[end:]

    claim_block(path.read_text(encoding="utf-8"), claim_id, path)  # fail now, not mid-run
    return Edit("deleted claim", f"{claim_id} deleted", path, change)


def add_claim(path: Path, claim_id: str, options: dict[str, str], statement: str) -> Edit:
    lines = "".join(f":{name}: {value}\n" for name, value in options.items())
    block = f"\n```{{claim}} {claim_id}\n{lines}\n{statement}\n```\n"
    return Edit(
        "new claim", f"{claim_id} added ({options['kind']})", path, lambda text: text + block
    )


def rename_entity(path: Path, entity_id: str, suffix: str = " (renamed)") -> Edit:
    """Append `suffix` to the `name` of the entity `entity_id` in a YAML collection."""
    pattern = re.compile(
        rf"^(\s*- id: {re.escape(entity_id)}\n(?:\s+\w+:.*\n)*?\s+name: )(.*)$", re.MULTILINE
    )
    found = pattern.search(path.read_text(encoding="utf-8"))
    if found is None:
        raise EditError(f"{path}: no entity {entity_id!r} with a name to edit")
    old = found.group(2)

    def change(text: str) -> str:
        return pattern.sub(lambda m: m.group(1) + m.group(2) + suffix, text, count=1)

    return Edit("entity rename", f"{entity_id}: name {old} → {old}{suffix}", path, change)


# --- the edits of the real site ------------------------------------------------------------------
def real_site_edits(root: Path) -> list[Edit]:
    """The seven edits on a copy of the repository (`root` holds its docs/ and claims/)."""
    pages = root / "docs" / "explainers"
    deepseek = pages / "deepseek-meal-and-restaurant.md"
    labs = pages / "labs-money.md"
    return [
        option_edit("value", deepseek, "deepseek-v3-gpu-hours", "value", lambda v: "2788001"),
        option_edit(
            "title", deepseek, "deepseek-v3-final-run-cost", "title", lambda t: t + " (edited)"
        ),
        option_edit(
            "subject",
            labs,
            "anthropic-series-g-funding",
            "subject",
            lambda s: s.replace("anthropic", "openai", 1),
        ),
        option_edit(
            "scope",
            pages / "hyperscaler-capex.md",
            "amazon-2025-purchases-of-property-and-equipment",
            "scope",
            lambda s: "company-infrastructure",
        ),
        add_claim(
            labs,
            "bench-added-fact",
            {
                "kind": "fact",
                "title": "A claim added by the benchmark",
                "subject": "anthropic",
                "claimant": "anthropic",
                "source": "anthropic-series-g-2026",
            },
            "Added by `make bench` in its work folder, to time the rebuild; never published.",
        ),
        delete_claim(pages / "open-weights.md", "deepseek-r1-hugging-face-downloads"),
        rename_entity(root / "claims" / "entities.yaml", "deepseek"),
    ]


# --- the edits of the synthetic knowledge base ---------------------------------------------------
def synthetic_edits(kb, root: Path) -> list[Edit]:
    """The seven edits on a synthetic project (`views` variant) of `kb`, written in `root`: the
    claims edited are on the middle page, the new claim goes to the next one."""
    middle = kb.pages // 2
    page = root / "docs" / "pages" / f"p{middle:03d}.md"
    claims = kb.claims[middle]
    used: set[str] = set()

    def pick(wanted) -> str:
        """The first claim of the middle page that `wanted` accepts, preferring unused ones."""
        fitting = [c for c in claims if wanted(c)]
        if not fitting:
            raise EditError(f"{page}: no claim fit for an edit; use at least 3 x 4")
        chosen = next((c for c in fitting if c.id not in used), fitting[0])
        used.add(chosen.id)
        return chosen.id

    def figure(claim) -> bool:
        return claim.data["kind"] == "figure"

    plain_figure = pick(lambda c: figure(c) and "low" not in c.data and "high" not in c.data)
    titled = pick(lambda c: True)
    moved = kb.claim(pick(lambda c: "subject" in c.data))
    rescoped = kb.claim(pick(figure))
    after = {c.id: n for n, c in enumerate(claims)}
    # nothing refers to a fact whose next claim is no viewpoint (a viewpoint relies on the claim
    # before it; prose, compare blocks and cards name figures)
    deleted = pick(
        lambda c: (
            c.data["kind"] == "fact"
            and (
                after[c.id] + 1 == len(claims)
                or claims[after[c.id] + 1].data["kind"] != "viewpoint"
            )
        )
    )
    entities = [e["id"] for e in kb.registries["entities"]]
    other_entity = next(e for e in entities if e not in moved.data["subject"])
    other_scope = next(
        s["id"] for s in kb.registries["scopes"] if s["id"] != rescoped.data["scope"]
    )
    value = kb.claim(plain_figure).data["value"]
    return [
        option_edit("value", page, plain_figure, "value", lambda v: str(value + 1)),
        option_edit("title", page, titled, "title", lambda t: t + " (edited)"),
        option_edit("subject", page, moved.id, "subject", lambda s: other_entity),
        option_edit("scope", page, rescoped.id, "scope", lambda s: other_scope),
        _added_claim(kb, root, (middle + 1) % kb.pages),
        delete_claim(page, deleted),
        rename_entity(root / "claims" / "entities.yaml", moved.data["subject"][0]),
    ]


def _added_claim(kb, root: Path, page: int) -> Edit:
    """A fact added at the end of `page`, with the next free id of that page."""
    entity = kb.registries["entities"][0]["id"]
    return add_claim(
        root / "docs" / "pages" / f"p{page:03d}.md",
        f"p{page:03d}-c{kb.per_page:02d}",
        {
            "kind": "fact",
            "title": "A claim added by the benchmark",
            "subject": entity,
            "claimant": entity,
            "source": kb.registries["sources"][0]["id"],
        },
        "Added by the benchmark, to time the rebuild.",
    )
