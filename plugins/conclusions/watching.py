"""How `mkdocs serve` learns that a watched file changed (`fast_serve`): the file system's own
events where they are delivered, polling elsewhere.

MkDocs looks at every watched file every half second (watchdog's `PollingObserver`), then waits
a tenth of a second without a further change before it rebuilds. Under the plugin, a `Watcher`
takes the place of that observer in MkDocs' server. At start it decides how to watch:

- native events (watchdog's `Observer`: inotify on Linux), which arrive as a file is written and
  cost nothing while nothing changes, when every watched path is on a file system that delivers
  them. On Linux that is decided from the file-system type of each path's mount
  (`/proc/self/mountinfo`) against `LOCAL_FILE_SYSTEMS`: network and FUSE mounts (and the shared
  folders of virtual machines and of containers on another system) deliver no events, or not
  for changes made on the other side. Elsewhere nothing as cheap and certain tells a network
  volume from a local one (macOS's FSEvents and Windows' change notifications are silent on
  some shares), so polling stays the default there and `watch_with: events` asks for events;
- polling, every `WATCH_INTERVAL` seconds, otherwise, and when the system refuses events
  (watchdog raises OSError when the inotify watch or instance limit is reached): then one log
  line says so.

A save is seldom one write. Editors write in place (truncate, then write, then close), or to a
temporary file then renamed over the source, or rename the source aside as a backup first; the
build must see the file whole, and once. With events, a file closed after writing, moved into
place or whose attributes changed is whole: the rebuild waits only `QUIET_WHOLE` seconds for the
next step of the same save (`bench/save_patterns.py`); should that step come later, the build
it started saw whole files, and one more follows. A file created or written to and not yet
closed is still being written (an editor that syncs to disk before it closes leaves a pause
there, longest on a busy disk), and a deleted one may be about to be written anew: the rebuild
waits `QUIET_WRITING` then, as MkDocs does for every change. Polling sees no such steps, only what changed between two looks: it waits
`QUIET_POLLING`, more than one look, so that a save that straddles two looks is seen whole.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mkdocs.plugins import get_plugin_logger
from watchdog.events import (
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileOpenedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

log = get_plugin_logger(__name__)

QUIET_WHOLE = 0.01
"""Seconds without a further event, after one that leaves a file whole, before a rebuild starts:
longer than the pauses measured, on a busy machine, between such an event and the next step of
the same save (a temporary file closed, then renamed into place; vim's file closed, then its
attributes set; `bench/save_patterns.py`). A later step costs a second build, never a page
built from half a file."""

QUIET_WRITING = 0.1
"""Seconds without a further event, after a file was created or written to and not yet closed,
before a rebuild starts (MkDocs' own quiet, for every change)."""

WATCH_INTERVAL = 0.025
"""Seconds between two looks at the watched files when polling (MkDocs: 0.5 s), when they are a
few (`FEW_FILES`, one site's source); twice as long for more, up to `WATCH_LIMIT`."""

QUIET_POLLING = 0.04
"""Seconds without a further change, when polling, before a rebuild starts: more than one look
(`WATCH_INTERVAL`), so that a save written in two steps is seen whole."""

FEW_FILES = 100
"""Up to this many polled files, they are looked at every `WATCH_INTERVAL` (a look at each
costs a few microseconds); a collection's hundreds every two."""

WATCH_LIMIT = 1000
"""Above this many polled files (`--watch-theme`), MkDocs' own interval and quiet are kept."""

MKDOCS_INTERVAL, MKDOCS_QUIET = 0.5, 0.1
"""MkDocs' own polling interval and quiet."""

LOCAL_FILE_SYSTEMS = frozenset(
    {
        "ext2",
        "ext3",
        "ext4",
        "xfs",
        "btrfs",
        "bcachefs",
        "f2fs",
        "jfs",
        "reiserfs",
        "nilfs2",
        "zfs",
        "tmpfs",
        "ramfs",
        # A container's own root: its writes are its own, and inotify sees them.
        "overlay",
    }
)
"""Linux file systems whose changes inotify reports, made on this machine (a bind mount shows
the type of the file system it is taken from). Any other type (nfs, cifs, 9p, virtiofs, fuse.*,
vboxsf...) is polled."""

_NOT_CHANGES = (FileOpenedEvent, FileClosedNoWriteEvent)
"""Events that change nothing: the build's own reads of the watched files."""

_REFUSALS = {
    errno.ENOSPC: "the inotify watch limit is reached (raise fs.inotify.max_user_watches)",
    errno.EMFILE: "the inotify instance limit is reached (raise fs.inotify.max_user_instances)",
}
"""What inotify's errors mean here (ENOSPC would otherwise read "No space left on device")."""

_STILL_WRITING = (FileCreatedEvent, FileModifiedEvent, FileDeletedEvent)
"""Events after which the file may not be whole: created or written to and not yet closed, or
deleted (an editor that moves the source aside as a backup deletes or renames, then writes anew)."""


def mount_type(path: str, mountinfo: str) -> str | None:
    """The file-system type of the mount holding `path` (resolved), from the text of
    `/proc/self/mountinfo`; None when no line covers it."""
    target = os.path.realpath(path)
    best, best_type = "", None
    for line in mountinfo.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        point = _unescape(fields[4])
        kind = line.split(" - ", 1)[1].split()[:1]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        # The longest mount point wins; of two at the same point, the later (mounted over).
        if kind and inside and len(point) >= len(best):
            best, best_type = point, kind[0]
    return best_type


def _unescape(field: str) -> str:
    r"""A path of mountinfo, whose spaces, tabs, newlines and backslashes are written in octal (\040)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def read_mountinfo() -> str | None:
    """The mounts of this process, as Linux lists them (None elsewhere, or unreadable)."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as f:
            return f.read()
    except OSError:
        return None


def use_events(
    setting: str,
    paths: Iterable[str],
    *,
    platform: str = sys.platform,
    mountinfo: Callable[[], str | None] = read_mountinfo,
) -> tuple[bool, str]:
    """Whether to watch `paths` with native events under the `watch_with` `setting`, and why."""
    if setting == "events":
        return True, "watch_with: events"
    if setting == "polling":
        return False, "watch_with: polling"
    if not platform.startswith("linux"):
        return False, f"no cheap way to tell a network volume from a local one on {platform}"
    mounts = mountinfo()
    if mounts is None:
        return False, "/proc/self/mountinfo cannot be read"
    for path in paths:
        kind = mount_type(path, mounts)
        if kind not in LOCAL_FILE_SYSTEMS:
            return False, f"{path} is on a {kind or 'unknown'} file system, which may not deliver file events"
    return True, "every watched path is on a local file system"


def polling(paths: Iterable[str]) -> tuple[float, float]:
    """The interval and quiet of polling `paths`: short for a few files, MkDocs' own for many."""
    listed = list(paths)
    if _few_files(listed, FEW_FILES):
        return WATCH_INTERVAL, QUIET_POLLING
    if _few_files(listed, WATCH_LIMIT):
        return WATCH_INTERVAL * 2, QUIET_POLLING * 2
    return MKDOCS_INTERVAL, MKDOCS_QUIET


def _few_files(paths: list[str], limit: int) -> bool:
    count = 0
    for path in paths:
        for _folder, _dirs, names in os.walk(path) if os.path.isdir(path) else [("", [], [path])]:
            count += len(names)
            if count > limit:
                return False
    return True


@dataclass(frozen=True, eq=False)
class _Watch:
    """One watch MkDocs' server asked for: what it gets back from `schedule`."""

    handler: FileSystemEventHandler
    path: str
    recursive: bool


class _Changes(FileSystemEventHandler):
    """Passes MkDocs' handler the events that change a file, first setting the quiet that follows."""

    def __init__(self, handler: FileSystemEventHandler, quiet: Callable[[FileSystemEvent], None]) -> None:
        self.handler = handler
        self.quiet = quiet

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.is_directory or isinstance(event, _NOT_CHANGES):
            return
        self.quiet(event)
        self.handler.dispatch(event)


class Watcher:
    """What MkDocs' server uses as its watchdog observer (`schedule`, `unschedule`, `start`,
    `stop`, `join`): it records the watches, and at `start` decides how to watch them (native
    events or polling, `use_events`), falling back to polling when the system refuses events.

    Args:
        setting: the `watch_with` option.
        set_quiet: sets the seconds without a further change before a rebuild (the server's).
        native: the observer of native events (watchdog's, for the platform).
        decide: `use_events`, given the setting and the watched paths.
    """

    def __init__(
        self,
        setting: str,
        set_quiet: Callable[[float], None],
        *,
        native: Callable[[], BaseObserver] = Observer,
        decide: Callable[[str, list[str]], tuple[bool, str]] = use_events,
    ) -> None:
        self._setting = setting
        self._set_quiet = set_quiet
        self._native = native
        self._decide = decide
        self._watches: dict[_Watch, ObservedWatch | None] = {}
        self._observer: BaseObserver | None = None
        self.events = False
        """Whether the watched files are watched with native events (once started)."""
        self.why = ""
        """Why they are watched as they are (once started)."""

    def schedule(self, event_handler: FileSystemEventHandler, path: str, *, recursive: bool = False) -> _Watch:
        watch = _Watch(event_handler, path, recursive)
        self._watches[watch] = None
        if self._observer is not None:
            try:
                self._watches[watch] = self._schedule(self._observer, watch)
            except OSError as error:
                if not self.events:
                    raise
                self._fall_back(error)
        return watch

    def unschedule(self, watch: _Watch) -> None:
        scheduled = self._watches.pop(watch)
        if self._observer is not None and scheduled is not None:
            self._observer.unschedule(scheduled)

    def start(self) -> None:
        paths = sorted({w.path for w in self._watches})
        self.events, self.why = self._decide(self._setting, paths)
        if not self.events:
            log.info(f"watching the source by polling: {self.why}")
            self._start_polling()
            return
        try:
            self._start(self._native())
        except OSError as error:
            self._fall_back(error)
            return
        self._set_quiet(QUIET_WRITING)
        log.info(f"watching the source with file events: {self.why}")

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()

    def join(self, timeout: float | None = None) -> None:
        if self._observer is not None and self._observer.is_alive():
            self._observer.join(timeout)

    def is_alive(self) -> bool:
        return self._observer is not None and self._observer.is_alive()

    def _start(self, observer: BaseObserver) -> None:
        self._observer = observer
        for watch in self._watches:
            self._watches[watch] = self._schedule(observer, watch)
        observer.start()

    def _schedule(self, observer: BaseObserver, watch: _Watch) -> ObservedWatch:
        handler: FileSystemEventHandler = watch.handler
        if self.events:
            handler = _Changes(watch.handler, self._quiet_after)
        return observer.schedule(handler, watch.path, recursive=watch.recursive)

    def _start_polling(self) -> None:
        interval, quiet = polling(w.path for w in self._watches)
        self._set_quiet(quiet)
        self._start(PollingObserver(timeout=interval))

    def _fall_back(self, error: OSError) -> None:
        """Native events refused (the inotify limits): poll every watch instead."""
        if self._observer is not None:
            self._observer.stop()
            if self._observer.is_alive():
                self._observer.join()
        self._observer = None
        self.events = False
        self.why = f"the system refused file events: {_REFUSALS.get(error.errno or 0, error.strerror or str(error))}"
        log.warning(f"watching the source by polling: {self.why}")
        self._start_polling()

    def _quiet_after(self, event: FileSystemEvent) -> None:
        self._set_quiet(QUIET_WRITING if isinstance(event, _STILL_WRITING) else QUIET_WHOLE)
