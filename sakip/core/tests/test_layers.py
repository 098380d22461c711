"""The import rules of docs/architecture.md ("Python imports"), read from the source: module-level imports only
(apart from AppConfig.ready() and commented pairs), no two modules importing each other, core importing no app."""

import ast
from pathlib import Path

import sakip

ROOT = Path(sakip.__file__).parent


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        parts = list(rel.parts)
        if "tests" in parts or "migrations" in parts:
            continue
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        yield ".".join(parts), path, is_package


def _targets(name, node, is_package):
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        base = name.split(".")
        base = base[: len(base) - node.level + (1 if is_package else 0)]
        module = ".".join(base + ([node.module] if node.module else []))
    else:
        module = node.module or ""
    return [module] + [f"{module}.{a.name}" for a in node.names]


def _graph():
    modules = {name: (path, pkg) for name, path, pkg in _modules()}
    edges = {}
    for name, (path, pkg) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        deps = set()
        for node in tree.body:
            for n in [node, *ast.walk(node)] if isinstance(node, (ast.If, ast.Try)) else [node]:
                if isinstance(n, (ast.Import, ast.ImportFrom)):
                    deps |= {t for t in _targets(name, n, pkg) if t in modules and t != name}
        edges[name] = deps
    return edges


def test_no_two_modules_import_each_other_at_module_level():
    edges = _graph()
    assert len(edges) > 100
    cycles = []
    for start in edges:
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in edges[node]:
                if nxt == start:
                    cycles.append(path)
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    assert not cycles, cycles[:3]


def test_core_imports_no_app():
    edges = _graph()
    up = {(m, d) for m, deps in edges.items() if m.startswith("sakip.core") for d in deps}
    up = {(m, d) for m, d in up if d.startswith("sakip.") and not d.startswith("sakip.core")}
    assert not up, sorted(up)


def test_function_level_imports_are_ready_hooks_or_commented():
    offenders = []
    for name, path, _pkg in _modules():
        if path.name in ("apps.py", "settings.py"):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for fn in ast.walk(ast.parse(source)):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, (ast.Import, ast.ImportFrom)) and "#" not in lines[node.lineno - 1]:
                        offenders.append(f"{name}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    assert not offenders, offenders
