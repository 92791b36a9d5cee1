"""How editors' saves look to the file system's events: the figures behind the quiet periods of
plugins/conclusions/watching.py. A bench tool, never imported by the plugin.

Usage: save_patterns.py [FILE [FOLDER]]. Saves FILE (default: the flagship's document.md) in a
temporary folder (under FOLDER, to try another file system) in each way editors save, 15 times
each, with watchdog's native observer watching, and prints for each way the events seen (the
build's kind of reads left out, as the plugin leaves them out), the span from the first to the
last, and the longest pause after an event that leaves a file whole (closed, moved into place:
what `QUIET_WHOLE` covers) and after one that may not (created, written to, deleted:
`QUIET_WRITING`).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileOpenedEvent,
    FileSystemEvent,
)
from watchdog.events import FileSystemEventHandler as Handler
from watchdog.observers import Observer

ROOT = Path(__file__).resolve().parent.parent
SAVES = 15


class Seen(Handler):
    """The events of one save, each with when it came."""

    def __init__(self) -> None:
        self.events: list[tuple[float, FileSystemEvent]] = []
        self.lock = threading.Lock()

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.is_directory or isinstance(event, (FileOpenedEvent, FileClosedNoWriteEvent)):
            return
        with self.lock:
            self.events.append((time.perf_counter(), event))


def in_place(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def in_chunks(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(0, len(text), 4096):
            f.write(text[i : i + 4096])
            f.flush()
        os.fsync(f.fileno())


def by_rename(path: Path, text: str) -> None:
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, path)


def _tool(*command: str) -> Callable[[Path, str], None]:
    def save(path: Path, text: str) -> None:
        subprocess.run([*command, str(path)], check=True, capture_output=True)

    return save


_EDIT = "call setline(1, getline(1) . ' ')"
"""A one-character edit of the first line, in vim."""

WAYS: dict[str, Callable[[Path, str], None]] = {
    "in place (truncate, write, close)": in_place,
    "in place, in 4 KiB writes, synced": in_chunks,
    "temporary file renamed over": by_rename,
    "sed -i": _tool("sed", "-i", "1s/$/ /"),
    "vim (no swap file, synced)": _tool(
        "vim", "-u", "NONE", "-N", "-n", "-es", "-c", "call setline(1, getline(1) . ' ')", "-c", "wq"
    ),
    "vim (its swap file, backup by rename, synced)": _tool(
        "vim", "-u", "NONE", "-N", "-es", "-c", "set backup writebackup backupcopy=no", "-c", _EDIT, "-c", "wq"
    ),
}


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "source" / "document.md"
    under = sys.argv[2] if len(sys.argv) > 2 else None
    text = source.read_text(encoding="utf-8")
    print(f"{source.name}, {len(text.encode()):,} bytes; {SAVES} saves each; milliseconds")
    with tempfile.TemporaryDirectory(dir=under) as folder:
        path = Path(folder) / source.name
        path.write_text(text, encoding="utf-8")
        for name, save in WAYS.items():
            if save not in (in_place, in_chunks, by_rename) and not shutil.which("vim" if "vim" in name else "sed"):
                print(f"{name}: not installed")
                continue
            spans, after_whole, while_open, kinds = [], [0.0], [0.0], ""
            for i in range(SAVES):
                seen = Seen()
                observer = Observer()
                observer.schedule(seen, folder, recursive=True)
                observer.start()
                save(path, text + f"\n<!-- {i} -->\n")
                time.sleep(0.5)  # a bench: every event of the save has come by then
                observer.stop()
                observer.join()
                times = [t for t, _ in seen.events]
                spans.append(times[-1] - times[0])
                for (t0, event), (t1, _) in zip(seen.events, seen.events[1:], strict=False):
                    (
                        while_open
                        if isinstance(event, (FileCreatedEvent, FileModifiedEvent, FileDeletedEvent))
                        else after_whole
                    ).append(t1 - t0)
                kinds = kinds or " ".join(
                    type(e).__name__.removeprefix("File").removesuffix("Event") for _, e in seen.events
                )
            print(
                f"{name}: span median {statistics.median(spans) * 1000:.2f}, max {max(spans) * 1000:.2f}; longest "
                f"pause after a file is whole {max(after_whole) * 1000:.2f}, after one that may not be {max(while_open) * 1000:.2f}; "
                f"{kinds}"
            )


if __name__ == "__main__":
    main()
