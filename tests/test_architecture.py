"""The shape of src/: imports run one way, so no module imports itself through others.

The graph is read from the source (every import statement, at module level, under
``TYPE_CHECKING`` or inside a function: an import put off until a call still ties the two
modules together), not from what Python happens to have loaded.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

SRC = Path(__file__).parents[1] / "src"


def modules(root: Path = SRC) -> dict[str, Path]:
    """Every module under ``root`` by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: dict[str, Path]) -> set[tuple[str, int]]:
    """The modules of ``known`` that module ``name`` imports, each with the line of the
    first import of it. ``from package import name`` is the submodule when there is one,
    else the package itself."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                targets.append((sub if sub in known else base, node.lineno))
    edges = {}
    for target, line in targets:
        while target and target not in known:  # import a.b.c of a module a.b
            target = target.rpartition(".")[0]
        if target and target != name:
            edges[target] = min(line, edges.get(target, line))
    return set(edges.items())


def import_graph(root: Path = SRC) -> nx.DiGraph:
    known = modules(root)
    graph = nx.DiGraph()
    for name, path in known.items():
        graph.add_node(name)
        for target, line in imported(name, path, known):
            graph.add_edge(name, target, line=line)
    return graph


def described(graph: nx.DiGraph, circle: list[str]) -> str:
    steps = zip(circle, [*circle[1:], circle[0]], strict=True)
    return " → ".join(f"{a} (line {graph.edges[a, b]['line']})" for a, b in steps) + (
        f" → {circle[0]}"
    )


def test_no_module_of_src_imports_itself_through_others() -> None:
    graph = import_graph()
    knots = [k for k in nx.strongly_connected_components(graph) if len(k) > 1]
    circles = sorted([a for a, _ in nx.find_cycle(graph.subgraph(k))] for k in knots)
    assert not circles, "import circles in src/:\n" + "\n".join(
        described(graph, c) for c in circles
    )


def test_the_graph_sees_imports_put_off_into_functions(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import B\n"
    )
    (package / "b.py").write_text("def f():\n    from . import a\n    return a\n")
    (package / "c.py").write_text("import pkg.a\n")
    graph = import_graph(tmp_path)
    assert set(graph.edges) == {("pkg.a", "pkg.b"), ("pkg.b", "pkg.a"), ("pkg.c", "pkg.a")}
    assert described(graph, ["pkg.a", "pkg.b"]) == "pkg.a (line 3) → pkg.b (line 2) → pkg.a"


EMPTY_CONTAINERS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}
CACHES = {"cache", "lru_cache"}
CLOSED_DOMAIN = {"regulations.vocabulary"}
"""Modules whose cached functions take a code of the shipped vocabulary (a kind): what they
keep is bounded by the vocabulary, and an unknown code raises and is not kept."""


def module_state(name: str, path: Path) -> list[str]:
    """What module ``name`` keeps between calls at module level: a name bound to an empty
    container (to be filled while running), or a cached function of an argument (its memo
    grows with what callers pass). A cached function of no argument holds one value built
    from what ships (the grammar's parser, the shipped law) and is allowed."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8"), str(path)).body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            value = node.value
            literal = isinstance(value, ast.Dict | ast.List | ast.Set) and not (
                value.keys if isinstance(value, ast.Dict) else value.elts
            )
            call = isinstance(value, ast.Call) and not value.args and not value.keywords
            called = ast.unparse(value.func).rpartition(".")[2] if call else ""
            if literal or called in EMPTY_CONTAINERS:
                found.append(f"{name}:{node.lineno} {ast.unparse(node)}")
        elif isinstance(node, ast.FunctionDef):
            args = node.args
            takes = args.posonlyargs + args.args + args.kwonlyargs
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                cached = ast.unparse(target).rpartition(".")[2] in CACHES
                if cached and (takes or args.vararg or args.kwarg) and name not in CLOSED_DOMAIN:
                    found.append(f"{name}:{node.lineno} {node.name} remembers what it is given")
    return found


def test_no_module_of_src_keeps_state_between_calls() -> None:
    """What is kept between calls lives on an object the caller holds (a Library, an
    Evaluator, a Layout), not in a module."""
    found = [line for name, path in modules().items() for line in module_state(name, path)]
    assert not found, "module-level state in src/:\n" + "\n".join(found)


def test_module_state_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text(
        "import functools\nfrom functools import lru_cache\nSEEN: dict[str, int] = {}\n"
        "ALSO = collections.defaultdict()\nFINE = {'a': 1}\n"
        "@lru_cache(maxsize=8)\ndef width(text): ...\n"
        "@functools.cache\ndef parser(): ...\n"
    )
    assert module_state("m", path) == [
        "m:3 SEEN: dict[str, int] = {}",
        "m:4 ALSO = collections.defaultdict()",
        "m:7 width remembers what it is given",
    ]


def identity_keys(path: Path) -> list[int]:
    """The lines calling ``id()``: an object's address is no key (it is reused once the
    object is gone, and says nothing a reader can check); a fact is known by its place."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "id"
    ]


def test_nothing_in_src_is_keyed_by_its_address() -> None:
    found = {name: lines for name, path in modules().items() if (lines := identity_keys(path))}
    assert not found, f"id() in src/ (module: lines): {found}"


def test_identity_keys_are_seen(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text("seen = {}\nfor f in facts:\n    seen[id(f)] = f\nx = f.id\n")
    assert identity_keys(path) == [3]
