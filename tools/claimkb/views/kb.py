"""What views may read: the knowledge base as a build offers it, behind one protocol.

Views never touch the Sphinx domain, the environment or the configuration; `sphinx_ext.site`
implements this protocol over them, and a test or another tool can implement it over anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from ..core.records import Record
from ..core.registry import Registry

if TYPE_CHECKING:
    from .selections import Selections


class KnowledgeBase(Protocol):
    """Claims and records as the site shows them, and what the build writes them into."""

    #: the collections: records by type, names, units
    registry: Registry
    #: constant dollars of this year (None: no CPI-U year is known)
    base_year: int | None
    #: whether the build writes HTML (charts and share pages exist only there)
    html: bool
    #: the folder of the generated pages, relative to the source folder
    pages_dir: str
    #: the site's public address, ending in "/", or "" when it is not known
    site_url: str

    def home(self, rtype: str, rid: str) -> tuple[str, Record] | None:
        """The page that shows record (`rtype`, `rid`) first, and the record; None if none does."""
        ...

    def claim(self, claim_id: str) -> tuple[str, Record] | None:
        """`home("claim", claim_id)`."""
        ...

    def page_claims(self, docname: str) -> list[Record]:
        """The claims written in one page, in the order written."""
        ...

    def every_claim(self) -> list[Record]:
        """Every claim, written in a page or in a collection, shown or not."""
        ...

    def claims_on_page(self, docname: str) -> list[str]:
        """Ids of the claims one page shows (written in it, then from the collections it shows),
        in the order it shows them."""
        ...

    def selections(self) -> Selections:
        """The shown claims, and indexes of them by subject, claimant, pair and source."""
        ...

    def superseded(self) -> Mapping[str, list[str]]:
        """Claim id -> the shown claims that replace it (`core.current_status`)."""
        ...

    def referrers(self, field: str, claim_id: str) -> list[str]:
        """Ids of the shown claims whose list `field` names `claim_id`."""
        ...

    def formula_inputs(self) -> dict[str, Record]:
        """Every claim by id, page or collection, shown or not: what formulas can name."""
        ...

    def has_doc(self, docname: str) -> bool:
        """Whether the site has this page."""
        ...

    def page_uri(self, docname: str) -> str:
        """A page's address relative to the site's root (`kb/entity/openai.html`)."""
        ...

    def relative_uri(self, from_doc: str, path: str) -> str:
        """The address of `path` (relative to the site's root) as written in page `from_doc`."""
        ...
