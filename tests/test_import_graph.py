"""No import cycles among the modules of bot/ and handlers/.

What counts as an edge: every import statement that is not inside a function, i.e. one that runs
when its module is first imported, including those under `if TYPE_CHECKING:`. Those are the
imports that can meet a half-initialized module (the circle then shows up as an ImportError or an
AttributeError at start-up, or hides behind the order modules happen to load in), and the
TYPE_CHECKING ones are the same dependency seen by the type checker: a cycle hidden there is still
a circle in the design, only postponed. An import inside a function runs when everything is
loaded and cannot fail that way, so it is not an edge; it is left for what is imported lazily on
purpose (Babel's data, matplotlib, the webhook server), not as a way around a cycle.

Importing `a.b.c` also runs the `__init__` of `a` and `a.b`; those implicit edges are left out:
Python initializes a parent package before its submodules, so they cannot close a circle that
fails, and `handlers/__init__.py` importing its own feature modules is the package's job.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = path
    return found


def top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Import statements outside any function (inside `if`, `try` and class bodies too)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append(child)
            walk(child)

    walk(tree)
    return found


def resolve(
    node: ast.Import | ast.ImportFrom, here: str, is_package: bool, known: set[str]
) -> set[str]:
    """The modules of ours an import statement names (`from a import b` is module `a.b` when
    that is a module, else a name in `a`)."""
    targets: set[str] = set()
    if isinstance(node, ast.Import):
        targets.update(alias.name for alias in node.names)
    else:
        base = node.module or ""
        if node.level:
            package = here.split(".") if is_package else here.split(".")[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        for alias in node.names:
            candidate = f"{base}.{alias.name}"
            targets.add(candidate if candidate in known else base)
    return {target for target in targets if target in known}


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    graph: dict[str, set[str]] = {}
    for name, path in found.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: set[str] = set()
        for node in top_level_imports(tree):
            edges |= resolve(node, name, path.name == "__init__.py", known)
        edges.discard(name)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan), each given as one
    concrete circle through it so that the message names the imports to cut."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                connect(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [circle(graph, set(component)) for component in components]


def circle(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest way from the component's first module back to itself, inside the component."""
    start = min(component)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for succ in sorted(graph[node] & component):
                if succ == start:
                    return [*paths[node], start]
                if succ not in paths:
                    paths[succ] = [*paths[node], succ]
                    following.append(succ)
        frontier = following
    raise AssertionError("a strongly connected component without a circle")


def test_the_graph_sees_the_packages() -> None:
    graph = import_graph()
    # Guards against a resolver that silently finds nothing (and so no cycle).
    assert "bot.services.sender" in graph["bot.wiring"]
    assert "bot.runtime" in graph["bot.app"]
    assert len(graph) > 80


def test_no_import_cycles() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" → ".join(c) for c in found)


def test_a_cycle_is_named() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
