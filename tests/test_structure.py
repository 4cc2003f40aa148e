"""The code's shape, checked: no import cycle in generator/, and no module-level mutable state in
generator/render/ (renderers are pure functions of the frozen Site)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear", "remove", "discard", "sort"}
CACHES = {"cache", "lru_cache", "cached_property"}


def module_name(path: Path, package_root: Path) -> str:
    parts = list(path.relative_to(package_root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, package_root: Path, modules: set[str]) -> set[str]:
    """The modules of the package that `path` imports, wherever the import statement is (type-only ones too)."""
    name = module_name(path, package_root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from . import urls` imports the module urls (its package is only its parent);
            # `from .model import Site` imports a name from the module model
            submodules = {f"{target}.{alias.name}" for alias in node.names} & modules
            found.update(submodules if len(submodules) == len(node.names) else {target} | submodules)
    return {m for m in found if m in modules and m != name}


def import_graph(package_root: Path) -> dict[str, set[str]]:
    files = sorted(package_root.rglob("*.py"))
    modules = {module_name(f, package_root) for f in files}
    return {module_name(f, package_root): imports_of(f, package_root, modules) for f in files}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_generator_has_no_import_cycle() -> None:
    graph = import_graph(GENERATOR)
    assert "generator.model" in graph and "generator.graph" in graph["generator.resolve"]
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from .sub import b\n")
    (package / "sub" / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..a import x\n")
    (package / "c.py").write_text("from . import a\n")
    assert cycles(import_graph(package)) == [["pkg.a", "pkg.sub.b"]]


def module_state(source: str) -> list[str]:
    """Module-level names that functions change, caches on module-level functions, and `global` statements."""
    tree = ast.parse(source)
    names = {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign)) for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)}
    problems = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                label = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if label in CACHES and isinstance(node, ast.FunctionDef):
                    problems.append(f"line {node.lineno}: {node.name} keeps a module-level cache")
    for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda))):
        local = {a.arg for a in function.args.args + function.args.kwonlyargs}
        for node in ast.walk(function):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                local.add(node.id)
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                problems.append(f"line {node.lineno}: global {', '.join(node.names)}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
                owner = node.func.value
                if isinstance(owner, ast.Name) and owner.id in names and owner.id not in local:
                    problems.append(f"line {node.lineno}: {owner.id}.{node.func.attr}()")
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                for target in node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]:
                    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id in names and target.value.id not in local:
                        problems.append(f"line {node.lineno}: {target.value.id}[…] changed")
    return problems


@pytest.mark.parametrize("path", sorted((GENERATOR / "render").rglob("*.py")), ids=lambda p: str(p.relative_to(GENERATOR)))
def test_renderers_keep_no_module_level_state(path: Path) -> None:
    assert module_state(path.read_text(encoding="utf-8")) == []


def test_the_state_check_finds_state() -> None:
    source = (
        "import functools\n_seen = {}\nTABLE = {'a': 1}\n"
        "def f(x):\n    _seen[x] = 1\n    return TABLE[x]\n"
        "def g(x):\n    _seen.setdefault(x, 2)\n"
        "def h(x):\n    TABLE = {}\n    TABLE.update(x)\n"
        "@functools.cache\ndef k(x):\n    return x\n"
        "def m():\n    global _seen\n    _seen = {}\n"
    )
    assert module_state(source) == ["line 13: k keeps a module-level cache", "line 5: _seen[…] changed", "line 8: _seen.setdefault()", "line 16: global _seen"]
