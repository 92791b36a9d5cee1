"""`mkdocs serve` stopped by a signal leaves nothing in the temporary folder.

MkDocs makes its site folder there, and the plugin the folder it serves from; both are
removed when Ctrl-C unwinds the server. A SIGTERM (`kill`, a process manager, a closed
terminal's SIGHUP) ends it the same way (rebuild._stop_as_on_ctrl_c), so a user who stops
the server any way other than Ctrl-C does not collect folders of every page in /tmp.
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from site_tests.support.build import FIXTURES
from site_tests.support.live import serving


@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_server_ended_by_a_signal_removes_its_folders(
    ending: signal.Signals, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    source = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", source)
    with serving(source, tmp_path) as served:
        made = sorted(p.name for p in temporary.iterdir())
        assert any("-served-" in name for name in made), f"the server's folders are made under TMPDIR: {made}"
        served.proc.send_signal(ending)
        assert served.proc.wait(timeout=30) == 0, served.tail()
    assert sorted(p.name for p in temporary.iterdir()) == [], "every folder the server made is removed"
