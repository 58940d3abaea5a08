"""The layering of the packages, read from their imports (ast, function-level ones too).

``corpus`` (reading articles) <- ``index`` (analysis, schema, building) <- ``search`` (query
layer, public API) <- ``search.cli``; see STYLE.md, "Imports flow one way".
"""

from __future__ import annotations

import ast
import re
import warnings
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


# Whoosh: its public API where it belongs, its internals in one package.
WHOOSH_INTERNALS = "index.store"
WHOOSH_PUBLIC_USERS = {
    "index.analysis",  # the analyser interface (every index pickles DutchAnalyzer)
    "index.schema",  # the fields
    "search.queries",  # the query parser and its query model
}


def test_only_the_store_the_analyser_the_schema_and_the_parser_import_whoosh():
    assert _importers_of("whoosh") - _in(WHOOSH_INTERNALS) <= WHOOSH_PUBLIC_USERS


def _whoosh_private_names() -> set[str]:
    """Private names Whoosh defines or assigns (``_btexts``, ``_perdoc``, ``_storage`` ...)."""
    import whoosh

    names = set()
    for path in Path(whoosh.__file__).parent.rglob("*.py"):
        with warnings.catch_warnings():  # Whoosh's sources hold old invalid escapes
            warnings.simplefilter("ignore", SyntaxWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def _private_uses(path: Path, names: set[str]) -> list[str]:
    """``obj._name`` in ``path`` for the given private names, ``self``/``cls`` left out."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in names:
            owner = ast.unparse(node.value)
            if owner not in ("self", "cls"):
                found.append(f"{path.name}:{node.lineno}: {owner}.{node.attr}")
    return found


def _defined_outside_the_store() -> set[str]:
    """Private names our own modules outside the store define (classes, functions,
    ``self._x`` attributes): using those is not touching Whoosh."""
    return {
        node.name if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else node.attr
        for name, path in MODULES.items() if name not in _in(WHOOSH_INTERNALS)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.ClassDef))
        or (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
            and ast.unparse(node.value) == "self")
    }  # fmt: skip


def test_no_module_outside_the_store_touches_whoosh_private_attributes():
    private = _whoosh_private_names() - _defined_outside_the_store()
    uses = [use for name, path in sorted(MODULES.items()) if name not in _in(WHOOSH_INTERNALS)
            for use in _private_uses(path, private)]  # fmt: skip
    assert uses == []


def test_the_private_attribute_check_finds_one(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f(self, reader):\n    return reader._perdoc, self._perdoc\n")
    assert _private_uses(sample, _whoosh_private_names()) == ["sample.py:2: reader._perdoc"]


def test_no_private_names_imported_across_our_modules():
    crossing = sorted(f"{name} imports {imported}" for name, found in IMPORTS.items()
                      for imported in found
                      if imported.rpartition(".")[2].startswith("_")
                      and not imported.rpartition(".")[2].startswith("__"))  # fmt: skip
    assert crossing == []


@pytest.mark.parametrize(
    "package, may_not_import",
    [("index.dutch", ("index.entities", "index.store", "index.pipeline", "index.analysis",
                      "index.schema")),
     ("index.entities", ("index.store", "index.pipeline")),
     ("index.store", ("index.pipeline",))],
)  # fmt: skip
def test_the_index_packages_are_layered(package, may_not_import):
    """index.dutch <- index.entities <- analysis, schema <- index.store <- index.pipeline."""
    assert not _in(package) & _importers_of(*may_not_import)


def test_library_messages_name_no_command_line_flags():
    """Messages outside the front ends speak of the library; the CLI words remedies itself
    (``search.errors.for_commands``)."""
    flag = re.compile(r"`search [a-z-]+ --|(?<![\w-])--[a-z][a-z-]+")
    front_ends = {"search.cli", "search.server", "search.render", "search.errors"}
    found = []
    for name, path in sorted(MODULES.items()):
        if name in front_ends:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and node.exc is not None:
                for part in ast.walk(node.exc):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str) \
                            and flag.search(part.value):  # fmt: skip
                        found.append(f"{name}:{part.lineno}: {part.value}")
    assert found == []
