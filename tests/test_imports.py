"""Imports go one way: pipeline → attribute / events → actors, model, nlp, lexicons; nlp is a leaf."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "claimgraph"


def _ours(path: Path) -> set[str]:
    """The claimgraph modules a file imports (at any depth: deferred imports count too)."""
    pkg = path.relative_to(SRC.parent).with_suffix("").parts[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg[: len(pkg) - node.level + 1]
                mod = ".".join((*base, node.module)) if node.module else ".".join(base)
            else:
                mod = node.module or ""
            if mod.startswith("claimgraph"):
                out.add(mod)
                out.update(f"{mod}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("claimgraph"))
    return out


def _imports_of(package: str) -> set[str]:
    files = (
        [SRC / f"{package}.py"] if (SRC / f"{package}.py").exists() else sorted((SRC / package).glob("*.py"))
    )
    return set().union(*(_ours(f) for f in files))


def _touches(imports: set[str], module: str) -> bool:
    return any(m == f"claimgraph.{module}" or m.startswith(f"claimgraph.{module}.") for m in imports)


def test_nlp_is_a_leaf() -> None:
    assert _imports_of("nlp") <= {"claimgraph.errors", "claimgraph.errors.ModelError"}


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("attribute", ("pipeline", "events")),
        ("events", ("pipeline",)),
        ("actors", ("pipeline", "attribute", "events")),
        ("model", ("pipeline", "attribute", "events", "nlp")),
        ("lexicons", ("pipeline", "attribute", "events", "nlp", "model")),
        ("english", ("pipeline", "attribute", "events", "nlp")),
    ],
)
def test_arrows_go_one_way(package: str, forbidden: tuple[str, ...]) -> None:
    imports = _imports_of(package)
    assert not [f for f in forbidden if _touches(imports, f)], sorted(imports)


@pytest.mark.parametrize(
    "module",
    [
        "claimgraph.nlp",
        "claimgraph.attribute",
        "claimgraph.events",
        "claimgraph.events.component",
        "claimgraph.pipeline",
    ],
)
def test_each_module_imports_fresh(module: str) -> None:
    """Imported first in a new interpreter, each module loads without a cycle biting."""
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
