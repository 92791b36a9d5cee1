"""The Nu Html Checker (npm package vnu-jar, run with Java), over many files in one run."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from site_tests.support.build import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(files: list[Path]) -> list[dict[str, Any]]:
    """Every error message of the checker for `files` (one Java run for all of them)."""
    java = shutil.which("java")
    if not java:
        raise RuntimeError("Java is missing: run `make test`, which installs default-jre-headless")
    if not VNU_JAR.exists():
        raise RuntimeError(f"{VNU_JAR} is missing: run `make test` (or `npm ci`) to install vnu-jar")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    # The checker exits 1 when it finds errors; its report is JSON on stderr.
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError as err:
        raise RuntimeError(f"vnu gave no JSON report (exit {result.returncode}):\n{result.stderr[-2000:]}") from err
    return [
        m
        for m in report.get("messages", [])
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal"
    ]
