"""The processor time an idle `mkdocs serve` spends watching, with the file system's events and
by polling (plugins/conclusions/watching.py). A bench tool, never imported by the plugin.

Usage: idle_watch.py DOCS_DIR [SECONDS [SETTINGS...]]. For each `watch_with` setting (default:
events, polling), serves a project copy whose source is DOCS_DIR (the collection part's
bench/out/collection/src, with the card cache beside it in cwd/.cache when there is one, or
source/), waits for the first build and then for the plugin's tidy
of everything (`rebuild.TIDY_ALL_AFTER`), and reads the server's user and system time from
/proc (Linux) before and after SECONDS idle seconds (default 30). Prints one line per setting.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, free_port, stop


def cpu_seconds(pid: int) -> float:
    """User and system time of process `pid` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle(docs: Path, seconds: float, setting: str) -> tuple[float, str]:
    """Seconds of processor an idle server spent in `seconds`, and how it said it watches."""
    from conclusions.rebuild import TIDY_ALL_AFTER

    tmp = Path(tempfile.mkdtemp(prefix="bench-idle-"))
    try:
        shutil.copytree(ROOT / "overrides", tmp / "overrides")
        shutil.copytree(docs, tmp / "source")
        cards = docs.parent / "cwd" / ".cache"
        if cards.is_dir():  # the card cache the collection part leaves beside its source
            shutil.copytree(cards, tmp / ".cache")
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        assert config.count("  - conclusions:\n") == 1
        config = config.replace("  - conclusions:\n", f"  - conclusions:\n      watch_with: {setting}\n")
        (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
        port = free_port()
        log_path = tmp / "serve.log"
        with log_path.open("w", encoding="utf-8") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                cwd=tmp,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            while "Serving on" not in log_path.read_text(encoding="utf-8"):
                if proc.poll() is not None:
                    raise RuntimeError(f"mkdocs serve ended:\n{log_path.read_text(encoding='utf-8')[-2000:]}")
                time.sleep(0.5)
            time.sleep(TIDY_ALL_AFTER + 2)  # a bench: past the tidy that follows the first build
            before = cpu_seconds(proc.pid)
            time.sleep(seconds)
            spent = cpu_seconds(proc.pid) - before
        finally:
            stop(proc)
        said = next(
            (line for line in log_path.read_text(encoding="utf-8").splitlines() if "watching the source" in line), ""
        )
        return spent, said.split("conclusions: ", 1)[-1]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    docs = Path(sys.argv[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0
    settings = sys.argv[3:] or ["events", "polling"]
    files = sum(len(names) for _, _, names in os.walk(docs))
    for setting in settings:
        spent, said = idle(docs, seconds, setting)
        print(
            f"watch_with: {setting}: {spent:.2f} s of processor in {seconds:.0f} s idle "
            f"({spent / seconds * 100:.1f} % of a core), {files} files; {said}"
        )


if __name__ == "__main__":
    main()
