"""What a page's `<head>` says of its claims: the description links preview with (`og:description`)
and the schema.org JSON-LD of each claim it shows."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .exports import ClaimResolver, json_ld, script_safe_json
from .kb import KnowledgeBase
from .sharing import page_description

#: the most claims a page's JSON-LD describes, in the order the page shows them (its opening
#: figures); every claim is in claims.json, and ten keep the head of a page of cards light
JSON_LD_CLAIMS = 10


@dataclass(frozen=True)
class HeadModel:
    #: "3 sourced figures: ...", from the claims in the order the page shows them; "" for none
    description: str
    #: the page's claims, resolved, each as JSON text, by id
    claims: tuple[str, ...]

    def json_ld(self, page_url: Callable[[dict[str, Any]], str]) -> str:
        """The `<script>` of the page's JSON-LD (`page_url`: a claim -> its card's address);
        "" without claims."""
        if not self.claims:
            return ""
        claims = [json.loads(text) for text in self.claims]
        data = script_safe_json(json_ld(claims, page_url))
        return '<script type="application/ld+json">' + data + "</script>\n"


def head_model(kb: KnowledgeBase, resolver: ClaimResolver, docname: str) -> HeadModel:
    shown = []
    for claim_id in kb.claims_on_page(docname):
        found = kb.claim(claim_id)
        if found is not None:
            shown.append(resolver.resolve(*found))
    # a page of hundreds of claims (a data set's table) describes its first ones: the rest are
    # in claims.json, and the head would otherwise outweigh the page
    by_id = sorted(shown[:JSON_LD_CLAIMS], key=lambda claim: claim["id"])
    return HeadModel(
        page_description(shown),
        tuple(json.dumps(claim, sort_keys=True, ensure_ascii=False) for claim in by_id),
    )
