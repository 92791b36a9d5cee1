"""`mkdocs build` replaces the site only with a build that succeeded.

MkDocs empties `site_dir` before it renders a page, so a build that fails half-way (a
template error, a warning under `--strict`, a disk that is full, Ctrl-C) would leave half a
site where the last good one was. The plugin checks every source mistake it knows of before
that point (`on_config`); for everything else, the build goes into a new folder beside
`site_dir`, which takes the old site's place in one rename once every plugin has written its
files. A build that fails leaves the old site as it was, and its new folder is removed.

`mkdocs serve` builds into a temporary folder of its own and keeps the last good build
itself (rebuild.py); `--dirty` builds update the site in place, as MkDocs means them to.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)


class WarningCount(logging.Handler):
    """Counts MkDocs' warnings and errors: under `--strict` MkDocs fails the build on any, after
    the last plugin event has run."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class StagedSite:
    """One build's new site folder, beside the site it will replace."""

    def __init__(self, config: MkDocsConfig, target: Path, staging: Path, warnings: WarningCount) -> None:
        self.config = config
        self.target = target
        self.staging = staging
        self.warnings = warnings

    @classmethod
    def begin(cls, config: MkDocsConfig, warnings: WarningCount) -> StagedSite | None:
        """Point `config.site_dir` at a new, empty folder beside it; None (the build then goes
        into `site_dir` itself, as MkDocs does) when that folder cannot be made."""
        target = Path(config.site_dir)
        if target.is_symlink() or (target.exists() and not target.is_dir()):
            return None  # a link is the user's own arrangement: MkDocs writes through it
        # A name of its own in the same folder: renaming it over the site is then one step.
        staging = target.parent / f".{target.name}.building-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            staging.mkdir()  # the permissions MkDocs would give site_dir (the umask's)
        except OSError as err:
            log.info(f"cannot build beside {target} ({err.strerror}): building into it, as MkDocs does")
            return None
        config.site_dir = str(staging)
        return cls(config, target, staging, warnings)

    def publish(self) -> bool:
        """Put the new site in the old one's place, unless `--strict` is about to fail the build
        (then False: MkDocs raises next, and `abandon` is left to run)."""
        self.config.site_dir = str(self.target)  # for what runs after the build (`mkdocs gh-deploy`)
        if self.config.strict and self.warnings.count:
            return False
        old = self.target.parent / f".{self.target.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
        had_site = self.target.is_dir()
        if had_site:
            shutil.copymode(self.target, self.staging)
            os.replace(self.target, old)
        try:
            os.replace(self.staging, self.target)
        except OSError:
            if had_site:
                os.replace(old, self.target)
            raise
        shutil.rmtree(old, ignore_errors=True)
        return True

    def abandon(self) -> None:
        """The build failed: the old site stays; the new folder goes."""
        self.config.site_dir = str(self.target)
        shutil.rmtree(self.staging, ignore_errors=True)


def warning_count() -> WarningCount:
    """A counter of the warnings logged from now on (MkDocs' loggers); `stop_counting` ends it."""
    counter = WarningCount()
    logging.getLogger("mkdocs").addHandler(counter)
    return counter


def stop_counting(counter: WarningCount) -> None:
    logging.getLogger("mkdocs").removeHandler(counter)
