"""Outputs an incremental build must remove because a clean build would not write them: the
pages of generated pages that are gone (a deleted entity's page must not stay on the site), the
files of charts that are gone (their page, or the chart, or enough figures to draw), and the
claim index once no claim is left. Sphinx leaves the outputs of removed pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

from ..views.chart_files import CHARTS_DIR, PACKAGE_FILE
from ..views.selections import shown_claims
from .chart_directive import site_charts
from .domain import ClaimIndex, claim_domain


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
    charts = {chart.path for chart in site_charts(app)}
    for package in sorted((outdir / CHARTS_DIR).rglob(PACKAGE_FILE)):
        folder = package.parent
        if folder.relative_to(outdir / CHARTS_DIR).as_posix() not in charts:
            shutil.rmtree(folder)
            for parent in folder.parents:  # folders left empty, as a clean build has none
                if parent == outdir / CHARTS_DIR or any(parent.iterdir()):
                    break
                parent.rmdir()
    domain = claim_domain(app.env)
    # Sphinx writes no index without entries
    if not shown_claims(domain.models(app.builder).parts.kb):
        (outdir / f"{domain.name}-{ClaimIndex.name}{suffix}").unlink(missing_ok=True)


def setup_stale_outputs(app: Sphinx) -> None:
    app.connect("build-finished", remove_stale_outputs)
