"""The Council register's own PDFs: the 20 that the PyPI package deltatextsplitter 1.1.0 ships.

The wheel is fetched at test set-up by its pinned version and checked against its pinned sha256
(pip download, into .cache/ of this repository, which git ignores); the PDFs are not kept in the
repository. Without a network the set-up fails, loudly: these tests are never skipped.

For each PDF, against what a person read off it (fixtures/corpus/deltatextsplitter.yml): every
field of its cover page read right, every page's foot taken out (and no footer or page head
left in the text, by a reader of this test's own), every footnote text read and placed at its
marker, and importing it as conclusions refused with what was read ("no numbered paragraphs of
conclusions found; N lines unplaced"), never a site that looks fine.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import pytest
import yaml
from conclusions.importer import ImportFailure, Reading, import_document, read
from filelock import FileLock

ROOT = Path(__file__).resolve().parents[2]
WHEEL = ("deltatextsplitter", "1.1.0", "68bc441ebe22851984438b9b5a871c3f939a48aa9d1a3e0ef43c855d40154f59")
CACHE = ROOT / ".cache" / "deltatextsplitter-1.1.0"
EXPECTED = yaml.safe_load(
    (Path(__file__).parents[1] / "fixtures" / "corpus" / "deltatextsplitter.yml").read_text("utf-8")
)
NAMES = sorted(EXPECTED)


def _fetch() -> Path:
    """The PDFs of the pinned wheel, unpacked into CACHE once; the wheel's hash checked first."""
    pdfs = CACHE / "pdfs"
    if pdfs.is_dir() and sorted(p.name for p in pdfs.glob("*.pdf")) == NAMES:
        return pdfs
    name, version, sha256 = WHEEL
    CACHE.mkdir(parents=True, exist_ok=True)
    wheels = list(CACHE.glob(f"{name}-{version}-*.whl"))
    if not wheels:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", f"{name}=={version}", "-d", str(CACHE)],
            capture_output=True,
            text=True,
        )
        wheels = list(CACHE.glob(f"{name}-{version}-*.whl"))
        if result.returncode != 0 or not wheels:
            pytest.fail(f"cannot fetch {name}=={version} with pip (no network?): {result.stderr.strip()[-500:]}")
    digest = hashlib.sha256(wheels[0].read_bytes()).hexdigest()
    if digest != sha256:
        wheels[0].unlink()
        pytest.fail(f"{wheels[0].name} has sha256 {digest}, not the pinned {sha256}: not the wheel the tests read")
    pdfs.mkdir(exist_ok=True)
    with zipfile.ZipFile(wheels[0]) as wheel:
        for member in wheel.namelist():
            if member.startswith(f"{name}/pdfs/") and member.endswith(".pdf"):
                (pdfs / Path(member).name).write_bytes(wheel.read(member))
    return pdfs


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The PDFs, fetched by one process of the session while any other waits (pytest-xdist)."""
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(CACHE.parent / f"{CACHE.name}.lock"):
        return _fetch()


def _each(names: list[str]) -> list[object]:
    """The PDFs' names as parameters, each test of one PDF in one group, so that pytest-xdist
    runs them in one process, which reads the PDF once (`_reading`)."""
    return [pytest.param(name, marks=pytest.mark.xdist_group(f"corpus-{name}")) for name in names]


@cache
def _reading(path: Path) -> Reading:
    return read(path)


def test_the_corpus_is_the_pinned_one(corpus: Path) -> None:
    assert sorted(p.name for p in corpus.glob("*.pdf")) == NAMES


@pytest.mark.parametrize("name", _each(NAMES))
def test_every_field_of_the_cover_page_is_read(corpus: Path, name: str) -> None:
    header = dict(_reading(corpus / name).parsed.header)
    header.pop("title", None)  # the title is the text's own, not the cover page's
    assert header == EXPECTED[name]["header"]


# Footers and page heads, by this test's own reading: a line that starts with the document's
# number and drafters' initials, a directorate and language line, the language alone.
def _furniture_left(reading: Reading, number: str) -> list[str]:
    digits = re.escape(number.split()[-1] if number.startswith("PE-CONS") else number.split()[0])
    forms = [
        rf"^(?:PE-CONS )?{digits}(?:\s+REV\s*\d+)?(?:\s+ANNEX)?(?:\s+\S{{1,12}})?(?:\s+\d{{1,4}})?$",
        r"^(?:ANNEX\s+)?[A-Z]{2,8}\s?\.?\s?[0-9¹²³⁴⁵⁶⁷⁸⁹]+(?:\.[A-Z0-9])*(?:\s+LIMITE)?\s+EN$",
        r"^(?:LIMITE\s+)?EN(?:\s+\d+\s+EN)?$",
        r"^Page \d+ of \d+$",
    ]
    texts = [line.text for line in reading.cleaned.lines] + [note.text for note in reading.cleaned.footnotes]
    left = [text for text in texts if any(re.match(form, text.strip()) for form in forms)]
    for printed in (number, number.split(" REV")[0]):
        if printed in left:
            left.remove(printed)  # the cover page's own number line: a field, not a foot
            break
    return left


@pytest.mark.parametrize("name", _each(NAMES))
def test_every_page_foot_and_head_is_taken_out(corpus: Path, name: str) -> None:
    reading = _reading(corpus / name)
    assert _furniture_left(reading, EXPECTED[name]["header"]["number"]) == []
    pages = {line.where.page for line in reading.cleaned.removed}
    assert pages == set(range(1, EXPECTED[name]["pages"] + 1)), "a page kept its foot"


@pytest.mark.parametrize("name", _each([n for n in NAMES if not EXPECTED[n].get("tables")]))
def test_every_footnote_is_read_and_placed_at_its_marker(corpus: Path, name: str) -> None:
    reading = _reading(corpus / name)
    expected = EXPECTED[name]
    numbers = [int(note.number) for note in reading.cleaned.footnotes]
    absent = set(expected.get("absent", []))
    assert numbers == [n for n in range(1, expected["footnotes"] + 1) if n not in absent]
    assert all(note.text.strip() for note in reading.cleaned.footnotes)
    text = "\n".join(line.text for line in reading.cleaned.lines) + "\n".join(n.text for n in reading.cleaned.footnotes)
    for number in numbers:
        assert f"[^{number}]" in text, f"footnote {number} has no marker"


@pytest.mark.parametrize("name", _each(NAMES))
def test_importing_it_as_conclusions_is_refused_with_what_was_read(corpus: Path, name: str) -> None:
    with pytest.raises(ImportFailure) as refused:
        import_document(corpus / name)
    unplaced = len(_reading(corpus / name).parsed.unplaced)
    assert f"no numbered paragraphs of conclusions found; {unplaced} line" in str(refused.value)
    report = refused.value.report
    assert report is not None and report.text().startswith("Verdict: not imported: no numbered paragraphs")
