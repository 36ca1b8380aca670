"""Outputs an incremental build must remove because a clean build would not write them: the
pages and charts of generated pages that are gone (a deleted entity's page must not stay on the
site), and the claim index once no claim is left. Sphinx leaves the outputs of removed pages."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..core.page_names import pair_doc
from ..views.generated_pages import chart_name
from ..views.selections import shown_claims
from .domain import ClaimIndex


def remove_stale_outputs(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished, HTML builders only."""
    if exception is not None or app.builder.format != "html":
        return
    outdir, found = Path(app.outdir), app.env.found_docs
    suffix = app.builder.out_suffix
    pages_dir = app.config.claimkb_pages_dir
    if pages_dir:
        for path in sorted((outdir / pages_dir).rglob(f"*{suffix}")):
            if path.relative_to(outdir).as_posix().removesuffix(suffix) not in found:
                path.unlink()
        for path in sorted((outdir / "_images").glob(chart_name("*", "*"))):
            pair = path.name.removeprefix("claimkb-chart-").removesuffix(".svg")
            metric, _, scope = pair.partition("--")
            if f"{pages_dir}/{pair_doc(metric, scope)}" not in found:
                path.unlink()
    domain = app.env.domains["claim"]
    # Sphinx writes no index without entries
    if not shown_claims(domain.models(app.builder).parts.kb):
        (outdir / f"{domain.name}-{ClaimIndex.name}{suffix}").unlink(missing_ok=True)


def setup_stale_outputs(app: Sphinx) -> None:
    app.connect("build-finished", remove_stale_outputs)
