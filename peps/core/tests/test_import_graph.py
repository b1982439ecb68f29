"""The base depends on nothing above it: no module of peps.core (its tests and test
factories aside) imports a domain app, not even inside a function."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1]
# Test support may build objects of every app; it is not part of the base.
OUTSIDE_THE_BASE = {"tests", "testing"}


def _imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """(line, absolute module) of every import, at any depth, relative ones resolved."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
    return found


def _package(path: Path) -> str:
    return ".".join(("peps", "core", *path.relative_to(CORE).parent.parts))


def core_modules() -> list[Path]:
    return [
        path for path in sorted(CORE.rglob("*.py")) if not OUTSIDE_THE_BASE.intersection(path.relative_to(CORE).parts)
    ]


def test_the_walk_sees_the_base():
    names = {path.relative_to(CORE).as_posix() for path in core_modules()}
    assert {"tenancy.py", "predicates.py", "access.py"} <= names
    assert not any(name.startswith(("tests/", "testing/")) for name in names)


def test_imports_hidden_in_functions_and_relative_imports_are_seen():
    source = "def f():\n    from peps.poles.models import Pole\n\nfrom ...directory import models\n"
    assert _imported_modules(source, "peps.core.templatetags") == [(4, "peps.directory"), (2, "peps.poles.models")]


def test_core_imports_no_domain_app():
    offences = [
        f"{path.relative_to(CORE)}:{line} imports {module}"
        for path in core_modules()
        for line, module in _imported_modules(path.read_text(), _package(path))
        if module.startswith("peps.") and not (module == "peps.core" or module.startswith("peps.core."))
    ]
    assert offences == []
