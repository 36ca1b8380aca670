"""The package's layers as folders, imports pointing one way; modules and functions short enough
to read. Each rule is checked on the real package, and the checker itself on a package made to
break it, so that the test can fail."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "tools" / "claimkb"

#: what each layer must not import (top-level packages, or claimkb's own layers)
FORBIDDEN = {
    "core": {"sphinx", "docutils", "myst_parser", "claimkb.myst", "claimkb.sphinx_ext",
             "claimkb.views", "claimkb.cli", "claimkb.importers"},
    "myst": {"claimkb.sphinx_ext", "claimkb.views", "claimkb.cli", "claimkb.importers"},
    "views": {"claimkb.myst", "claimkb.sphinx_ext", "claimkb.cli", "claimkb.importers"},
    "sphinx_ext": {"claimkb.cli", "claimkb.importers"},
    # an importer is core for one data set: it reads the data and writes records, no Sphinx
    "importers": {"sphinx", "docutils", "myst_parser", "claimkb.myst", "claimkb.sphinx_ext",
                  "claimkb.views", "claimkb.cli"},
    "cli": {"claimkb.sphinx_ext", "claimkb.views"},
}  # fmt: skip
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
#: a function may be longer with a reason on its `def` line: `# long: <why>`
LONG_REASON = "# long:"


def imports_of(path: Path, package_dir: Path) -> list[tuple[int, list[str]]]:
    """(line, absolute names) of every import statement in one module of the package: the module
    and, for `from M import a`, also `M.a` (which may be a module)."""
    package = package_dir.name
    parts = [package, *path.relative_to(package_dir).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, [alias.name]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: len(parts) - node.level + (path.name == "__init__.py")]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names = [f"{module}.{alias.name}" for alias in node.names]
            found.append((node.lineno, [module, *names]))
    return found


def _names(module: str, forbidden: str) -> bool:
    return module == forbidden or module.startswith(forbidden + ".")


def layer_violations(package_dir: Path) -> list[str]:
    """`path:line: <layer> imports <module>` for every import that points the wrong way."""
    package = package_dir.name
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir)
        layer = relative.parts[0] if len(relative.parts) > 1 else ""
        rules = {r.replace("claimkb", package, 1) for r in FORBIDDEN.get(layer, ())}
        if layer != "bench":
            rules.add(f"{package}.bench")
        for line, names in imports_of(path, package_dir):
            bad = [name for name in names if any(_names(name, rule) for rule in rules)]
            if bad:
                found.append(f"{relative}:{line}: {layer or package} imports {bad[0]}")
    return sorted(set(found))


def size_violations(package_dir: Path) -> list[str]:
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        relative = path.relative_to(package_dir)
        if len(lines) > MAX_MODULE_LINES:
            found.append(f"{relative}: {len(lines)} lines (at most {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES and LONG_REASON not in lines[node.lineno - 1]:
                    found.append(f"{relative}:{node.lineno}: {node.name} is {length} lines")
    return found


def test_imports_point_one_way():
    assert layer_violations(PACKAGE) == []


def test_modules_and_functions_are_short():
    assert size_violations(PACKAGE) == []


def test_every_layer_is_a_package_and_nothing_else_lies_loose():
    loose = {p.name for p in PACKAGE.glob("*.py")}
    assert loose == {"__init__.py"}
    for layer in (*FORBIDDEN, "bench"):
        assert (PACKAGE / layer / "__init__.py").is_file(), layer


# --- the checkers can fail ---------------------------------------------------------------------


@pytest.fixture
def fake_package(tmp_path: Path) -> Path:
    package = tmp_path / "claimkb"
    for layer in (*FORBIDDEN, "bench"):
        (package / layer).mkdir(parents=True)
        (package / layer / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    return package


@pytest.mark.parametrize(
    ("module", "text", "expected"),
    [
        ("core/records.py", "from sphinx.util import logging\n", "core imports sphinx.util"),
        ("core/records.py", "import docutils.nodes\n", "core imports docutils.nodes"),
        ("core/records.py", "from ..views.cards import CardBuilder\n",
         "core imports claimkb.views.cards"),
        ("core/records.py", "from ..cli import main\n", "core imports claimkb.cli"),
        ("views/cards.py", "from ..sphinx_ext.domain import ClaimDomain\n",
         "views imports claimkb.sphinx_ext.domain"),
        ("views/cards.py", "from ..cli.common import UsageError\n",
         "views imports claimkb.cli.common"),
        ("myst/scanner.py", "from claimkb.sphinx_ext import setup\n",
         "myst imports claimkb.sphinx_ext"),
        ("cli/validate.py", "from ..bench.run import plan\n", "cli imports claimkb.bench.run"),
        ("sphinx_ext/__init__.py", "from .. import cli\n", "sphinx_ext imports claimkb.cli"),
        ("core/records.py", "from ..importers.epoch import run\n",
         "core imports claimkb.importers.epoch"),
        ("importers/epoch.py", "from ..cli.common import UsageError\n",
         "importers imports claimkb.cli.common"),
        ("importers/epoch.py", "from docutils import nodes\n", "importers imports docutils"),
        ("views/cards.py", "from ..importers import epoch\n", "views imports claimkb.importers"),
    ],
)  # fmt: skip
def test_a_forbidden_import_is_found(fake_package, module, text, expected):
    (fake_package / module).write_text(f"from __future__ import annotations\n\n{text}")
    assert [v.split(": ", 1)[1] for v in layer_violations(fake_package)] == [expected]


def test_allowed_imports_are_not_flagged(fake_package):
    (fake_package / "sphinx_ext" / "domain.py").write_text(
        "from ..core.records import Record\nfrom ..views.cards import CardBuilder\n"
        "from ..myst.scanner import scan_page\nfrom sphinx.domains import Domain\n"
    )
    (fake_package / "cli" / "lint.py").write_text("from ..myst.prose import prose_figures\n")
    (fake_package / "cli" / "import_epoch.py").write_text("from ..importers.epoch import run\n")
    (fake_package / "importers" / "epoch.py").write_text("from ..core.records import Record\n")
    assert layer_violations(fake_package) == []


def test_a_long_function_needs_a_reason(fake_package):
    body = "".join(f"    x = {i}\n" for i in range(MAX_FUNCTION_LINES))
    (fake_package / "core" / "long.py").write_text(f"def long():\n{body}")
    assert size_violations(fake_package) == [
        f"core/long.py:1: long is {MAX_FUNCTION_LINES + 1} lines"
    ]
    (fake_package / "core" / "long.py").write_text(f"def long():  # long: a table\n{body}")
    assert size_violations(fake_package) == []
