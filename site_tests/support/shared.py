"""Something a test session makes once (a document's build, the collection), also when
pytest-xdist runs the session in several worker processes.

Alone, a session makes it in its own temporary folder. Under xdist each worker has a
temporary folder of its own inside the run's (`pytest-N/popen-gw0`), so what is made goes into
the run's folder instead, under a file lock (filelock): the first worker to ask makes it, a
worker that asks meanwhile waits for it, and every later one reads what was made. This is the
pattern pytest-xdist documents for session fixtures. What is made is only read afterwards.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

MADE = ".made"
"""Written last, in the folder made: a folder without it was left half made and is made again."""


def _root(factory: pytest.TempPathFactory) -> Path:
    """The folder shared by every process of this run."""
    base = factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    shared = root / "shared"
    shared.mkdir(exist_ok=True)
    return shared


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """The folder `name`, made by `make(folder)` the first time any process of the run asks for it."""
    root = _root(factory)
    folder = root / name
    with FileLock(root / f"{name}.lock"):
        _make_unless_made(folder, make)
    return folder


def _make_unless_made(folder: Path, make: Callable[[Path], object]) -> None:
    if (folder / MADE).exists():
        return
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    make(folder)
    (folder / MADE).touch()
