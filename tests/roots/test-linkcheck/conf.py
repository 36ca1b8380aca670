from pathlib import Path

import claimkb

extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
claimkb_schema_dir = str(Path(claimkb.__file__).resolve().parents[2] / "schema")
claimkb_collections_dir = "claims"
# The test's own server on the loopback address answers at once; never wait long, never retry.
linkcheck_timeout = 10
linkcheck_retries = 1
linkcheck_workers = 2
linkcheck_report_timeouts_as_broken = True
