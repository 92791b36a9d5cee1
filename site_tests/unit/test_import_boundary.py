"""The core, the importer and the reader know nothing of MkDocs: they import neither MkDocs nor
Material (nor the plugin's MkDocs side: the adapter, the serve machinery, the head), so that
they can be run, tested and reused without a site generator. Two proofs: every import
statement they write, read from their source; and every module imported in a fresh Python
where importing MkDocs or Material fails."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import conclusions

PACKAGE = Path(conclusions.__file__).resolve().parent
FREE = ("core", "importer", "reader")
"""The packages of `conclusions` that must stay free of MkDocs."""
FORBIDDEN = ("mkdocs", "material", "pymdownx")
"""Top-level packages of the site generator and its theme (pymdownx: Markdown extensions that
MkDocs sites configure; the core renders with Python-Markdown alone)."""
ADAPTER = (
    "plugin",
    "mkdocs_internals",
    "mkdocs_rendering",
    "html_pages",
    "rebuild",
    "head",
    "config",
    "staged",
    "csp",
    "cli",
)
"""The modules of `conclusions` on the MkDocs side (and the command, which drives both)."""


def _modules() -> list[Path]:
    return sorted(p for name in FREE for p in (PACKAGE / name).rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import the file writes, at any depth."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in _statements(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from .. import plugin` names a module in the alias.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _statements(tree: ast.Module) -> Iterator[ast.AST]:
    """Every statement of the module, at any depth. An import is a statement, and a statement
    stands only in the body of a module, of another statement, of an `except` or of a `case`:
    the expressions, most of the tree, are not read."""
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        yield node
        todo += (c for c in ast.iter_child_nodes(node) if isinstance(c, ast.stmt | ast.excepthandler | ast.match_case))


def _forbidden(module: str) -> bool:
    top = module.split(".")[0]
    if top in FORBIDDEN:
        return True
    parts = module.split(".")
    return len(parts) > 1 and parts[0] == "conclusions" and parts[1] in ADAPTER


def test_the_free_packages_are_found() -> None:
    names = {_module_name(p) for p in _modules()}
    for package in FREE:
        assert f"conclusions.{package}" in names
    assert len(names) > 30


def test_no_free_module_writes_an_import_of_mkdocs_or_of_the_adapter() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: imports {module}"
        for path in _modules()
        for line, module in _imported(path)
        if _forbidden(module)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_scan_sees_a_forbidden_import() -> None:
    """The scan above can fail: it reads relative and absolute imports, nested ones too."""
    assert _forbidden("mkdocs.plugins")
    assert _forbidden("material.plugins.search")
    assert _forbidden("conclusions.plugin")
    assert _forbidden("conclusions.rebuild.KeptSite")
    assert not _forbidden("conclusions.core.urls")
    assert not _forbidden("markdown")


_BLOCKED_RUN = """
import importlib, importlib.abc, sys

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.split(".")[0]
        if top in {forbidden!r} or name in {adapter!r}:
            raise ImportError("blocked: " + name)
        return None

sys.meta_path.insert(0, Block())
for name in {modules!r}:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {forbidden!r} or m in {adapter!r})
print("loaded:", loaded)
"""


def test_every_free_module_imports_with_mkdocs_and_material_unimportable() -> None:
    modules = [_module_name(p) for p in _modules()]
    adapter = [f"conclusions.{name}" for name in ADAPTER]
    code = _BLOCKED_RUN.format(forbidden=FORBIDDEN, adapter=adapter, modules=modules)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "loaded: []"


def test_the_blocked_run_fails_on_a_module_that_needs_mkdocs() -> None:
    """The subprocess above can fail: the adapter itself does not import under the block."""
    adapter = [f"conclusions.{name}" for name in ADAPTER if name != "plugin"]
    code = _BLOCKED_RUN.format(forbidden=FORBIDDEN, adapter=adapter, modules=["conclusions.plugin"])
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode != 0
    assert "blocked: mkdocs" in run.stderr
