"""How `mkdocs serve` watches the source (watching.py): the decision between the file system's
events and polling, the fallback when the system refuses events, and the quiet after each event."""

from __future__ import annotations

import errno
import logging
from pathlib import Path
from typing import Any

import pytest
from conclusions import watching
from conclusions.watching import Watcher, mount_type, use_events
from watchdog.events import (
    DirModifiedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.polling import PollingObserver

# Lines as Linux writes them (proc(5)): the mount point is the fifth field, the type follows " - ".
MOUNTINFO = """\
22 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
30 22 0:26 / /tmp rw,nosuid shared:5 - tmpfs tmpfs rw
41 22 0:40 / /home/ana/shared rw,relatime shared:20 - nfs4 server:/export rw,vers=4.2
42 22 0:41 / /home/ana/remote\\040site rw,nosuid - fuse.sshfs ana@host:/site rw
43 22 0:42 / /srv rw - virtiofs share rw
44 43 252:1 /data /srv/local rw - ext4 /dev/vda1 rw
45 22 0:43 / /mnt/c rw - 9p drvfs rw
"""


def _mounts() -> str:
    return MOUNTINFO


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/ana/site/source", "ext4"),
        ("/tmp/site", "tmpfs"),
        ("/home/ana/shared/site/source", "nfs4"),
        ("/home/ana/shared", "nfs4"),
        ("/home/ana/sharedness", "ext4"),  # a longer name beside a mount point is not inside it
        ("/home/ana/remote site/source", "fuse.sshfs"),
        ("/srv/site", "virtiofs"),
        ("/srv/local/site", "ext4"),  # a local mount inside a shared one
        ("/mnt/c/Users/ana/site", "9p"),
    ],
)
def test_the_mount_of_a_path_is_the_longest_mount_point_holding_it(path: str, kind: str) -> None:
    assert mount_type(path, MOUNTINFO) == kind


def test_auto_uses_events_when_every_path_is_local() -> None:
    paths = ["/home/ana/site/source", "/home/ana/site/mkdocs.yml", "/srv/local/site"]
    assert use_events("auto", paths, platform="linux", mountinfo=_mounts)[0]


@pytest.mark.parametrize("path", ["/home/ana/shared/site", "/home/ana/remote site", "/srv/site", "/mnt/c/site"])
def test_auto_polls_when_one_path_is_on_a_file_system_that_may_deliver_no_events(path: str) -> None:
    events, why = use_events("auto", ["/home/ana/site/source", path], platform="linux", mountinfo=_mounts)
    assert not events
    assert path in why and str(mount_type(path, MOUNTINFO)) in why


def test_auto_polls_when_the_mounts_cannot_be_read_or_elsewhere_than_linux() -> None:
    assert not use_events("auto", ["/home/ana/site"], platform="linux", mountinfo=lambda: None)[0]
    for platform in ("darwin", "win32"):
        events, why = use_events("auto", ["/home/ana/site"], platform=platform, mountinfo=_mounts)
        assert not events and platform in why


def test_the_option_overrides_the_decision() -> None:
    assert use_events("events", ["/home/ana/shared/site"], platform="linux", mountinfo=_mounts)[0]
    assert use_events("events", ["/site"], platform="darwin", mountinfo=_mounts)[0]
    assert not use_events("polling", ["/home/ana/site"], platform="linux", mountinfo=_mounts)[0]


def test_polling_looks_less_often_at_many_files(tmp_path: Path) -> None:
    few, many, lots = tmp_path / "few", tmp_path / "many", tmp_path / "lots"
    for folder, count in ((few, watching.FEW_FILES), (many, watching.FEW_FILES + 1), (lots, watching.WATCH_LIMIT + 1)):
        folder.mkdir()
        for i in range(count):
            (folder / f"{i}.md").write_text("", encoding="utf-8")
    assert watching.polling([str(few)]) == (watching.WATCH_INTERVAL, watching.QUIET_POLLING)
    assert watching.polling([str(many)]) == (watching.WATCH_INTERVAL * 2, watching.QUIET_POLLING * 2)
    assert watching.polling([str(lots)]) == (watching.MKDOCS_INTERVAL, watching.MKDOCS_QUIET)


class Recorder(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []

    def dispatch(self, event: FileSystemEvent) -> None:
        self.events.append(event)


class FakeNative:
    """A native observer that records its watches; `refuse`: the OSError it raises, and where."""

    def __init__(self, refuse: str = "") -> None:
        self.refuse = refuse
        self.scheduled: list[tuple[Any, str, bool]] = []
        self.alive = False

    def schedule(self, handler: Any, path: str, *, recursive: bool = False) -> str:
        if self.refuse == "schedule":
            raise OSError(errno.EMFILE, "inotify instance limit reached")
        self.scheduled.append((handler, path, recursive))
        return path

    def unschedule(self, watch: str) -> None:
        self.scheduled = [s for s in self.scheduled if s[1] != watch]

    def start(self) -> None:
        if self.refuse == "start":
            raise OSError(errno.ENOSPC, "inotify watch limit reached")
        self.alive = True

    def stop(self) -> None:
        self.alive = False

    def is_alive(self) -> bool:
        return self.alive

    def join(self, timeout: float | None = None) -> None:
        pass


def _watcher(setting: str, native: FakeNative, quiet: list[float]) -> Watcher:
    return Watcher(
        setting,
        quiet.append,
        native=lambda: native,  # type: ignore[arg-type,return-value]
        decide=lambda setting, paths: (setting != "polling", setting),
    )


def test_events_reach_the_server_with_the_quiet_each_calls_for(tmp_path: Path) -> None:
    native, quiet, server = FakeNative(), list[float](), Recorder()
    watcher = _watcher("events", native, quiet)
    watcher.schedule(server, str(tmp_path), recursive=True)
    watcher.start()
    assert watcher.events and watcher.is_alive()
    [(handler, path, recursive)] = native.scheduled
    assert (path, recursive) == (str(tmp_path), True)
    file = str(tmp_path / "document.md")
    # The build's own reads, and folders, are no change.
    for nothing in (FileOpenedEvent(file), FileClosedNoWriteEvent(file), DirModifiedEvent(str(tmp_path))):
        handler.dispatch(nothing)
    assert server.events == []
    # Written and not yet closed, or deleted: more may follow; closed, moved into place: whole.
    steps: list[tuple[FileSystemEvent, float]] = [
        (FileDeletedEvent(file), watching.QUIET_WRITING),
        (FileCreatedEvent(file + ".tmp"), watching.QUIET_WRITING),
        (FileModifiedEvent(file + ".tmp"), watching.QUIET_WRITING),
        (FileClosedEvent(file + ".tmp"), watching.QUIET_WHOLE),
        (FileMovedEvent(file + ".tmp", file), watching.QUIET_WHOLE),
    ]
    for event, _quiet in steps:
        handler.dispatch(event)
    assert server.events == [event for event, _ in steps]
    assert quiet == [watching.QUIET_WRITING] + [q for _, q in steps]
    watcher.stop()
    assert not watcher.is_alive()


@pytest.mark.parametrize("refuse", ["start", "schedule"])
def test_a_refusal_of_events_falls_back_to_polling_in_one_line(
    refuse: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    native, quiet, server = FakeNative(refuse), list[float](), Recorder()
    watcher = _watcher("events", native, quiet)
    watch = watcher.schedule(server, str(tmp_path), recursive=True)
    with caplog.at_level(logging.WARNING):
        watcher.start()
    try:
        assert not watcher.events and not native.alive
        observer = watcher._observer
        assert isinstance(observer, PollingObserver) and observer.is_alive()
        assert {w.path for w in observer._watches} == {str(tmp_path)}
        assert quiet == [watching.QUIET_POLLING]
        [line] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        assert "polling" in line and "limit is reached" in line
        watcher.unschedule(watch)
        assert not observer._watches
    finally:
        watcher.stop()
        watcher.join()


def test_a_refusal_after_start_moves_every_watch_to_polling(tmp_path: Path) -> None:
    native, quiet, server = FakeNative(), list[float](), Recorder()
    watcher = _watcher("events", native, quiet)
    (tmp_path / "a").mkdir()
    watcher.schedule(server, str(tmp_path / "a"), recursive=True)
    watcher.start()
    native.refuse = "schedule"
    (tmp_path / "b").mkdir()
    watcher.schedule(server, str(tmp_path / "b"), recursive=True)
    try:
        assert not watcher.events and not native.alive
        observer = watcher._observer
        assert isinstance(observer, PollingObserver)
        assert {w.path for w in observer._watches} == {str(tmp_path / "a"), str(tmp_path / "b")}
    finally:
        watcher.stop()
        watcher.join()


def test_polling_chosen_polls_with_its_own_quiet(tmp_path: Path) -> None:
    native, quiet, server = FakeNative(), list[float](), Recorder()
    watcher = _watcher("polling", native, quiet)
    watcher.schedule(server, str(tmp_path), recursive=True)
    watcher.start()
    try:
        assert not native.scheduled and isinstance(watcher._observer, PollingObserver)
        assert watcher._observer.timeout == watching.WATCH_INTERVAL and quiet == [watching.QUIET_POLLING]
    finally:
        watcher.stop()
        watcher.join()


def test_this_mkdocs_server_uses_the_watcher_as_relied_on() -> None:
    from conclusions import mkdocs_internals

    assert mkdocs_internals.watcher_missing() == []
