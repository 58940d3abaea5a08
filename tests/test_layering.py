"""The layering of the packages, read from their imports (ast, function-level ones too).

``corpus`` (reading articles) <- ``index`` (analysis, schema, building) <- ``search`` (query
layer, public API) <- ``search.cli``; see STYLE.md, "Imports flow one way".
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("corpus", "index", "search")


def _modules() -> dict[str, Path]:
    """Every module of our packages by dotted name (a package by its own name)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The absolute names ``name`` imports anywhere in its source: modules, and for
    ``from a import b`` also ``a.b`` (a submodule or a name in ``a``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: from the package, up level - 1 packages
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            names = {f"{module}.{alias.name}" for alias in node.names}
            found.update(names)
            # ``from package import module`` imports that module (the package runs first
            # for every module below it; that is not counted)
            if not names <= set(MODULES):
                found.add(module)
    return found


IMPORTS = {name: _imports(name, path) for name, path in MODULES.items()}


def _importers_of(*roots: str) -> set[str]:
    """Our modules that import any of ``roots`` or a module below one."""
    return {
        name for name, imported in IMPORTS.items()
        if any(i == root or i.startswith(f"{root}.") for i in imported for root in roots)
    }  # fmt: skip


def _in(package: str) -> set[str]:
    return {name for name in MODULES if name == package or name.startswith(f"{package}.")}


def test_the_modules_are_found():
    assert {"corpus.readers", "index.analysis", "index.entities.extractor", "search.cli",
            "search.server", "search"} <= set(MODULES)  # fmt: skip


def test_corpus_imports_neither_index_nor_search_nor_whoosh():
    assert not _in("corpus") & _importers_of("index", "search", "whoosh")


def test_index_does_not_import_search():
    assert not _in("index") & _importers_of("search")


@pytest.mark.parametrize(
    "roots, allowed",
    [(("click",), {"search.cli"}),
     (("fastapi", "uvicorn", "starlette"), {"search.server"})],
)  # fmt: skip
def test_only_the_front_ends_import_their_frameworks(roots, allowed):
    assert _importers_of(*roots) <= allowed


def _edges() -> dict[str, set[str]]:
    """Module -> the other modules of ours it imports."""
    return {name: {i for i in imported if i in MODULES and i != name}
            for name, imported in IMPORTS.items()}  # fmt: skip


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles_among_our_modules():
    assert _cycles(_edges()) == []


def test_the_circle_check_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
