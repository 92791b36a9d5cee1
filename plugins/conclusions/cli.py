"""The `conclusions` command: a new site for one Council text, or a new import of its text.

    conclusions new DIR --from INPUT [options]   a complete site in DIR
    conclusions import INPUT [--source DIR] [options]   the text again, into this site's source/

Both run the importer (`conclusions.importer`) on INPUT and print its report. A problem is
one line on stderr, `conclusions: <file>: <what is wrong>; <what to do>`, exit code 2, and
nothing written. Everything is checked before anything is written: the options (one line of
text each), the document the import would replace (never one edited by hand, whichever way
the import goes: a new version, `--add`, a document of a collection), and every path it
writes (inside the site: no symbolic link on the way, no file where a folder is needed).
Then every file is written into a temporary folder and moved into place, all of them or,
should the system fail half-way, none: what was done is undone.

`mkdocs.yml` is written from a fixed template and holds no word of the document: MkDocs
loads it with PyYAML's unsafe loader, so text from an input file must never reach it. The
plugin takes the site's name from the document instead (see `ConclusionsConfig`).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from .core.layout import (
    COLLECTION_SETTINGS,
    DOCUMENT,
    DOCUMENTS,
    IMPORT_RECORD,
    MOVED_WITH_DOCUMENT,
    ORIGINAL,
    SOURCE,
)

if TYPE_CHECKING:
    from .importer import ImportResult

PROG = "conclusions"
PACKAGE = "conclusions-edition"
SCAFFOLD = Path(__file__).resolve().parent / "scaffold"

SITE_FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "pages.yml": ".github/workflows/pages.yml",
    "overrides-README.md": "overrides/README.md",
}
"""Files of `scaffold/` (stored without leading dots) -> where a new site has them."""

RECORD = IMPORT_RECORD

NO_PUBLISHER = """\
MISSING: who publishes this edition, and how to reach them. Every page now says
"Unofficial edition" and names no one; the About page names no publisher and no contact.
Add both to {config}, under plugins (a name, and a web address where readers reach you):
  - conclusions:
      publisher: Your name or organisation
      publisher_url: https://example.org/contact/"""
"""Printed by `conclusions new`: a new site names no publisher (mkdocs.yml is written from a
fixed template, never from text given to the command; see the module's docstring)."""


class Refusal(Exception):
    """One line for the user, after `conclusions: `: `<file>: <what is wrong>; <what to do>`."""


def _refusal(file: object, problem: str, remedy: str) -> Refusal:
    return Refusal(_one_line(f"{file}: {problem}; {remedy}"))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shown(value: str) -> str:
    """A value as a message quotes it: cut at a few dozen characters (core/errors.py)."""
    from .core.errors import shown

    return shown(value)


# -- options -----------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: {_one_line(message)}; see `{self.prog} --help`\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Make and update a hyperlinked edition of one Council text.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    new = commands.add_parser(
        "new",
        help="make a complete site for one text in DIR",
        description="Make a complete site in DIR (mkdocs.yml, source/, overrides/, a GitHub Pages workflow) "
        "from a Council text; then `cd DIR && mkdocs build --strict` builds it.",
    )
    new.add_argument("dir", metavar="DIR", type=Path, help="the site's folder (new, or empty)")
    new.add_argument("--from", dest="input", metavar="INPUT", type=Path, required=True, help="the Council text")
    new.add_argument("--force", action="store_true", help="write into DIR even if it is not empty")
    _document_options(new)
    new.set_defaults(run=new_site)

    imp = commands.add_parser(
        "import",
        help="import the text again into this site's source folder",
        description="Import a Council text into the current site's source folder: document.md is replaced "
        "(unless edited by hand since the last import), missing registries are written, existing ones kept.",
    )
    imp.add_argument("input", metavar="INPUT", type=Path, help="the Council text")
    imp.add_argument("--source", metavar="DIR", type=Path, default=Path(SOURCE), help=f"default: {SOURCE}")
    imp.add_argument("--force", action="store_true", help="replace a document.md edited by hand")
    imp.add_argument(
        "--add",
        action="store_true",
        help="make a one-document site a collection holding its document and this one "
        "(its pages move under their own prefix; the old addresses redirect)",
    )
    _document_options(imp)
    imp.set_defaults(run=import_into_site)
    return parser


def _document_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("what the text does not say (or says wrongly)")
    group.add_argument("--number", metavar="N", help="the Council's number, e.g. 9876/24")
    group.add_argument("--date", metavar="YYYY-MM-DD", help="the document's date")
    group.add_argument("--title", metavar="T", help="the heading of the text")
    group.add_argument("--short-title", metavar="S", help="the short title, used in page titles")
    group.add_argument("--language", metavar="xx", help="the language code, e.g. en")


def _checked_date(args: argparse.Namespace) -> None:
    if args.date is None:
        return
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
            raise ValueError
        datetime.date.fromisoformat(args.date)
    except ValueError:
        raise _refusal(
            args.input, f"--date {_shown(args.date)} is not a date", "give the document's date as YYYY-MM-DD"
        ) from None


def _checked_input(path: Path) -> bytes:
    if not path.is_file():
        what = "is a folder, not a file" if path.is_dir() else "no such file"
        raise _refusal(path, what, "give the path of the Council text to import")
    try:
        return path.read_bytes()
    except OSError as err:
        raise _refusal(path, f"cannot be read ({err.strerror})", "check its permissions") from None


# -- the import ----------------------------------------------------------------------------------


def _run_importer(args: argparse.Namespace, out: Callable[[str], None]) -> ImportResult:
    from .importer import ImportFailure, import_document

    try:
        result = import_document(
            args.input,
            number=args.number,
            date=args.date,
            title=args.title,
            short_title=args.short_title,
            language=args.language,
        )
    except ImportFailure as err:
        report = getattr(err, "report", None)
        if report is not None:
            out(report.text().rstrip("\n"))  # what was read, before the one line of the refusal
        raise _importer_refusal(args.input, str(err)) from None
    for name in result.registries:
        if Path(name).name != name or not name.endswith(".yml") or name == RECORD:
            raise _refusal(args.input, f"the importer named a registry {name!r}", "report this to the maintainers")
    return result


def _importer_refusal(input_path: Path, message: str) -> Refusal:
    """The importer's message, `[<file>[:<line>]: | <file> ]<problem>: <remedy>`, in the command's form."""
    line, location = _one_line(message), str(input_path)
    for name in (str(input_path), input_path.name):
        if line.startswith(f"{name}:"):  # "input.txt: ..." or "input.txt:12: ..."
            head, _, line = line.partition(": ")
            location += head[len(name) :]
            break
        if line.startswith(f"{name} "):  # "input.txt is empty: ..."
            line = line[len(name) + 1 :]
            break
    if "; " not in line:
        problem, colon, remedy = line.rpartition(": ")
        line = f"{problem}; {remedy}" if colon else f"{line}; correct the text, or give what it lacks with an option"
    return Refusal(f"{location}: {line}")


def _source_files(
    result: ImportResult, original: bytes, input_name: str, registries: dict[str, str]
) -> dict[str, bytes]:
    """The files of source/ this import writes, by path inside source/."""
    files = {DOCUMENT: result.document_md.encode("utf-8")}
    files.update({name: text.encode("utf-8") for name, text in registries.items()})
    files[f"{ORIGINAL}/{input_name}"] = original
    files[RECORD] = result.record.encode("utf-8")
    return files


# -- writing -------------------------------------------------------------------------------------


@contextmanager
def _staging(near: Path) -> Iterator[Path]:
    """A temporary folder on the same file system as `near` (so files move by renaming)."""
    base = near
    while not base.is_dir():
        base = base.parent
    staging = Path(tempfile.mkdtemp(prefix=".conclusions-", dir=base))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _check_inside(root: Path, rel: str) -> None:
    """Refuse to write `root/rel` unless it stays inside `root`: no part of the way may be a
    link (it could lead anywhere), a file where a folder is needed, or a folder where the file goes."""
    path = root
    parts = Path(rel).parts
    for depth, part in enumerate(parts, start=1):
        path = path / part
        if path.is_symlink():
            raise _refusal(
                path,
                f"is a symbolic link (to {os.readlink(path)})",
                "the import writes only inside the site's folder: replace the link with the folder or file it "
                "stands for, and import again",
            )
        if not path.exists():
            return
        if depth < len(parts) and not path.is_dir():
            raise _refusal(
                path, f"is a file where the import needs a folder (for {root / rel})", "move it away and import again"
            )
        if depth == len(parts) and path.is_dir():
            raise _refusal(path, "is a folder where the import writes a file", "move it away and import again")


def _install(root: Path, staging: Path, files: Sequence[str], moves: Sequence[tuple[str, str]] = ()) -> None:
    """Move each of `moves` (old, new: paths under `root`), then each of `files` from `staging`
    to the same place under `root`, replacing a file there. All or nothing: on any failure
    every step done is undone and nothing is changed.

    Every path was checked first (`_check_inside`): what remains are the system's own failures.
    """
    undo: list[Callable[[], None]] = []

    def make_folders(folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for made in reversed(missing):
            made.mkdir()
            undo.append(made.rmdir)

    def move(source: Path, target: Path) -> None:
        os.replace(source, target)
        undo.append(lambda: os.replace(target, source))

    try:
        for old, new in moves:
            make_folders((root / new).parent)
            move(root / old, root / new)
        for rel in files:
            target = root / rel
            make_folders(target.parent)
            if target.exists():
                (staging / ".replaced" / rel).parent.mkdir(parents=True, exist_ok=True)
                move(target, staging / ".replaced" / rel)
            move(staging / rel, target)
    except OSError as err:
        for step in reversed(undo):
            with suppress(OSError):
                step()
        raise _refusal(
            err.filename or root,
            f"cannot be written ({err.strerror})",
            "nothing was changed; check the folder's permissions and free space",
        ) from None


def _report(result: ImportResult, wrote: str, kept: list[str], out: Callable[[str], None]) -> None:
    text = result.report.text().rstrip("\n")
    if text:
        out(text)
    out(f"wrote {wrote}")
    if kept:
        out(f"kept {', '.join(kept)} (existing registries are never replaced)")


# -- conclusions new -----------------------------------------------------------------------------


def _requirements() -> str:
    """The plugin as the Pages workflow can install it: from the repository it was installed
    from (PEP 610's direct_url.json) when that is a VCS URL, else the version pinned."""
    try:
        dist = metadata.distribution(PACKAGE)
    except metadata.PackageNotFoundError:
        dist = None
    found = json.loads(dist.read_text("direct_url.json") or "null") if dist else None
    direct: dict[str, Any] = found if isinstance(found, dict) else {}
    vcs = direct.get("vcs_info")
    head = (
        "# What the GitHub Pages workflow installs to build this site: the `conclusions` MkDocs\n"
        "# plugin (with MkDocs and Material), at the version that made the site.\n"
    )
    if vcs and str(direct.get("url", "")).startswith("https://"):
        return head + f"{PACKAGE} @ {vcs['vcs']}+{direct['url']}@{vcs.get('commit_id', '')}\n".replace("@\n", "\n")
    pin = f"{PACKAGE}=={dist.version}" if dist else PACKAGE
    return (
        head
        + "# Installed from a local folder? Point this line at the plugin's repository instead, e.g.\n"
        + f"#   {PACKAGE} @ git+https://github.com/OWNER/REPOSITORY@main\n"
        + f"{pin}\n"
    )


def new_site(args: argparse.Namespace, out: Callable[[str], None]) -> None:
    """`conclusions new DIR --from INPUT`: a site folder for one Council text.

    Args:
        args: the parsed command line (`dir`, `input`, `force` and the importer's options).
        out: where the report and what was written are printed.
    """
    _checked_date(args)
    _checked_options(args)
    target: Path = args.dir
    if target.exists() and not target.is_dir():
        raise _refusal(target, "is a file", "name a new folder for the site")
    if target.is_dir() and any(target.iterdir()) and not args.force:
        raise _refusal(target, "is not empty", "name a new folder, or pass --force to write the site's files into it")
    original = _checked_input(args.input)
    result = _run_importer(args, out)

    files = {dest: (SCAFFOLD / name).read_bytes() for name, dest in SITE_FILES.items()}
    files["requirements.txt"] = _requirements().encode("utf-8")
    source = _source_files(result, original, args.input.name, dict(result.registries))
    files.update({f"{SOURCE}/{rel}": data for rel, data in source.items()})
    if target.is_dir():
        for rel in files:
            _check_inside(target, rel)
    with _staging(target.absolute().parent) as staging:
        _write(staging / "site", files)
        if target.is_dir():
            _install(target, staging / "site", list(files))
        else:
            target.absolute().parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / "site", target)
    _report(result, f"{target}/: {', '.join(files)}", [], out)
    _found(target / "source", out)
    out(NO_PUBLISHER.format(config=target / "mkdocs.yml"))
    out(f"next: cd {target} && mkdocs serve")


# -- conclusions import --------------------------------------------------------------------------


def _recorded_sha256(record: Path) -> str | None:
    from .core.errors import SourceError
    from .core.yamlsource import load_yaml

    try:
        data = load_yaml(record.read_text(encoding="utf-8"), str(record))
    except (OSError, UnicodeDecodeError, SourceError):
        return None
    sha = data.get("document_sha256") if isinstance(data, dict) else None
    return sha if isinstance(sha, str) else None


def _check_not_edited(source: Path) -> None:
    """Refuse to replace a document.md that differs from what the last import wrote."""
    document, record = source / DOCUMENT, source / RECORD
    if not document.exists():
        return
    sha = _recorded_sha256(record)
    if sha is None:
        why = f"{record} does not exist" if not record.exists() else f"{record} records no document_sha256"
        raise _refusal(document, f"may hold changes made by hand ({why})", "pass --force to replace it")
    if hashlib.sha256(document.read_bytes()).hexdigest() != sha.lower():
        raise _refusal(
            document,
            f"was edited by hand since the last import (recorded in {record})",
            "pass --force to replace it and lose those edits",
        )


@dataclass(frozen=True)
class _Identity:
    """What names a document: its id and its prefix in a collection (folder and addresses)."""

    document_id: str = ""
    prefix: str = ""
    problem: str = ""
    """Why the front matter gives no id, when it cannot be read."""
    language: str = "en"


def _identity(document_md: str, shown_as: str) -> _Identity:
    """The id and prefix a `document.md` gives, read as the build reads its front matter
    (the core's loader: aliases and sizes bounded, messages cut)."""
    from .core.errors import SourceError
    from .core.urls import document_prefix
    from .core.yamlsource import load_yaml

    lines = document_md.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    if not lines or lines[0].strip() != "---" or not end:
        return _Identity(problem=f"{shown_as}: has no front matter between '---' lines")
    try:
        data = load_yaml("\n".join(lines[1:end]), shown_as, line_offset=1)
    except SourceError as err:
        return _Identity(problem=str(err))
    document_id = data.get("document_id") if isinstance(data, dict) else None
    date = data.get("date") if isinstance(data, dict) else None
    language = data.get("language") if isinstance(data, dict) else None
    language = language if isinstance(language, str) and language else "en"
    if not isinstance(document_id, str) or not document_id.strip():
        return _Identity(language=language)
    return _Identity(document_id, document_prefix(document_id, date[:4] if isinstance(date, str) else ""), "", language)


def _prefix_problem(prefix: str) -> str | None:
    """Why `prefix` cannot name a document's folder in a collection: the build's own check."""
    from .core.fields import slug_problem
    from .core.urls import SITE_FOLDERS

    if problem := slug_problem(prefix):
        return problem.removesuffix("; shorten it")
    if prefix in SITE_FOLDERS:
        return f"is the name of the site's own folder /{prefix}/"
    return None


def _checked_options(args: argparse.Namespace) -> None:
    """The options' text goes into the front matter of document.md: one line of text each,
    checked as the build checks every value."""
    from .core.yamlsource import line_problem

    for name in ("number", "title", "short_title", "language"):
        value = getattr(args, name)
        if value is not None and (problem := line_problem(value)):
            option = "--" + name.replace("_", "-")
            raise Refusal(_one_line(f"{args.input}: {option}: {problem}"))


def _with_accepted(record: str, old: Path) -> str:
    """The new record, with the hand-written entries of the record it replaces: the differences
    accepted (`accepted:`) and the doubtful lines checked (`checked:`)."""
    from .core.errors import SourceError
    from .core.yamlsource import load_yaml

    try:
        data = load_yaml(old.read_text(encoding="utf-8"), str(old)) if old.is_file() else None
    except (OSError, UnicodeDecodeError, SourceError):
        data = None
    kept = {key: data.get(key) for key in ("accepted", "checked")} if isinstance(data, dict) else {}
    kept = {key: value for key, value in kept.items() if value}
    if not kept:
        return record
    from .importer.yamltext import dump

    return record + dump({key: _plain(value) for key, value in kept.items()})


def _plain(value: object) -> object:
    """A value the core's YAML loader read (mappings and lists that know their lines), as the
    plain dicts and lists the safe dumper writes."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


COLLECTION_DIR = DOCUMENTS
COLLECTION_FILE = COLLECTION_SETTINGS


@dataclass(frozen=True)
class _Placement:
    """Where an import goes in `source/`: the document's folder ('' at the top, or
    'documents/<prefix>/'), and the folder the document at the top moves into first, if any."""

    folder: str
    moving: str = ""


def _placement(args: argparse.Namespace, source: Path, new: _Identity) -> _Placement:
    """Where the import goes, and every refusal that does not depend on the files: a collection
    holds the new document under its prefix; a one-document site takes a new version of its
    document, or with --add becomes a collection of both."""
    if (source / COLLECTION_DIR).is_dir() or (source / COLLECTION_DIR).is_symlink():
        return _Placement(_collection_folder(args, new))
    if not (source / DOCUMENT).exists():
        if args.add:
            raise _refusal(source / DOCUMENT, "does not exist: there is no document to add to", "import without --add")
        return _Placement("")
    old = _identity((source / DOCUMENT).read_text(encoding="utf-8", errors="replace"), str(source / DOCUMENT))
    if old.problem and args.add:
        raise Refusal(old.problem)  # the build's own line; without --add the hand-edit check decides
    if args.add and not old.document_id:
        raise _refusal(
            source / DOCUMENT,
            "gives no document id to name its folder in a collection",
            "add document_id (and date) to its front matter, then import with --add again",
        )
    if args.add and not new.document_id:
        _collection_folder(args, new)  # refuses, saying what the input lacks
    same = not (old.document_id and new.document_id and old.document_id != new.document_id)
    if same or old.prefix == new.prefix:
        if args.add:
            what = f"is {old.document_id} and {args.input} is {new.document_id}: " if not same else "is "
            raise _refusal(
                source / DOCUMENT,
                f"{what}the same document as {args.input} ({old.prefix or 'one address'}), not another",
                "import it without --add to import it again (a document.md edited by hand is kept unless --force)",
            )
        return _Placement("")
    if not args.add:
        raise _refusal(
            source / DOCUMENT,
            f"is {old.document_id} and {args.input} is {new.document_id}",
            "pass --add to make the site a collection holding both (each document's pages then stand "
            f"under its own prefix, /{old.prefix}/ and /{new.prefix}/, and the old addresses redirect), "
            "or --force to replace the document",
        )
    if args.force:
        raise _refusal(args.input, "--add and --force", "give one of them")
    if problem := _prefix_problem(old.prefix):
        raise _refusal(
            source / DOCUMENT,
            f"its document id makes the prefix {_shown(old.prefix)}, which {problem}",
            "correct its document_id before adding another document",
        )
    return _Placement(_collection_folder(args, new), moving=f"{COLLECTION_DIR}/{old.prefix}/")


def _collection_folder(args: argparse.Namespace, new: _Identity) -> str:
    if not new.prefix:
        raise _refusal(
            args.input, "gives no document id to name its folder in the collection", "give it with --number and --date"
        )
    if problem := _prefix_problem(new.prefix):
        raise _refusal(
            args.input,
            f"its document id {_shown(new.document_id)} makes the prefix {_shown(new.prefix)}, which {problem}",
            "give the document's number with --number",
        )
    return f"{COLLECTION_DIR}/{new.prefix}/"


def _version_folder(document_folder: Path, new: _Identity) -> str:
    """'lang/<code>/' when the import is another language version of the document in
    `document_folder` (the same document id, another language); '' otherwise."""
    from .core.layout import LANGUAGES
    from .core.urls import LANGUAGE_CODE

    if not new.document_id or not (document_folder / DOCUMENT).is_file():
        return ""
    old = _identity((document_folder / DOCUMENT).read_text(encoding="utf-8", errors="replace"), "")
    if old.document_id != new.document_id or old.language == new.language:
        return ""
    if not LANGUAGE_CODE.fullmatch(new.language):
        raise Refusal(
            _one_line(
                f"{document_folder / DOCUMENT}: the import is its version in {_shown(new.language)}, which is no "
                "language code to name its folder; give the version's language with --language xx"
            )
        )
    return f"{LANGUAGES}/{new.language}/"


def _check_aligned(document_folder: Path, version_folder: Path, input_path: Path) -> None:
    """Refuse a language version whose recitals, paragraphs, points or footnotes differ from
    its document's: the first difference, as the build would name it."""
    from .core.document_source import read_document
    from .core.errors import Problems
    from .core.languages import MISMATCH_REMEDY, mismatch

    problems = Problems()
    document = read_document(document_folder, problems, shown_as=str(document_folder))
    version = read_document(version_folder, problems, shown_as=str(input_path))
    if document is None or version is None or problems:
        return  # a mistake of the text is the build's to name, with its line
    if (difference := mismatch(document, version)) is not None:
        raise _refusal(
            input_path, f"is a language version not aligned with its document: {difference}", MISMATCH_REMEDY
        )


def _site_source(source: Path) -> Path:
    if source.is_symlink():
        raise _refusal(
            source,
            f"is a symbolic link (to {os.readlink(source)})",
            "the import writes only inside the site's folder: name the source folder itself with --source",
        )
    if not source.is_dir():
        raise _refusal(
            source,
            "no such folder",
            "run this in the site's folder, name its source folder with --source, "
            "or make a site with `conclusions new`",
        )
    return source


def import_into_site(args: argparse.Namespace, out: Callable[[str], None]) -> None:
    """`conclusions import INPUT`: a new version of the text into a site's `source/`, or a
    text added to a collection (`source/documents/<prefix>/`).

    Everything is checked before anything is written: the hand-edit check on the document the
    import replaces (whichever path it takes), every path inside `source/` (no link, no file in
    a folder's way); then the files are written into a temporary folder and moved into place,
    all of them or none.

    Args:
        args: the parsed command line (`input`, `source`, `force`, `add` and the importer's options).
        out: where the report and what was written are printed.
    """
    _checked_date(args)
    _checked_options(args)
    source = _site_source(args.source)
    original = _checked_input(args.input)
    result = _run_importer(args, out)
    new = _identity(result.document_md, str(args.input))
    placement = _placement(args, source, new)
    folder, moving = placement.folder, placement.moving
    # The same document in another language: a language version beside it (core/languages.py).
    version = _version_folder(source / folder, new)
    folder += version

    registries = {name: text for name, text in result.registries.items() if not (source / name).exists()}
    kept = [str(source / name) for name in result.registries if name not in registries]
    document_files = _source_files(result, original, args.input.name, {})
    # The differences the user accepted (import.yml, `accepted:`) are hand edits: kept.
    document_files[RECORD] = _with_accepted(result.record, source / folder / RECORD).encode("utf-8")
    files = {name: text.encode("utf-8") for name, text in registries.items()}
    files.update({folder + rel: data for rel, data in document_files.items()})
    if moving and not (source / COLLECTION_FILE).exists():
        files[COLLECTION_FILE] = (
            "# A collection of Council texts (see the plugin's core/collection.py).\n"
            "title: Council conclusions\n"
            "# The document this site published at its root: its old addresses redirect to its new ones.\n"
            f"formerly_at_root: {moving.removeprefix(COLLECTION_DIR + '/').rstrip('/')}\n"
        ).encode()
    # The document that was at the top moves into its folder first, whole (hand edits and all).
    moves = [(name, moving + name) for name in MOVED_WITH_DOCUMENT if moving and (source / name).exists()]
    for rel in [*files, *(new for _, new in moves)]:
        _check_inside(source, rel)
    if not args.force:
        _check_not_edited(source / folder)
    with _staging(source.absolute().parent) as staging:  # outside docs_dir: `mkdocs serve` may watch it
        _write(staging, files)
        if version:
            _check_aligned(source / placement.folder, staging / folder, args.input)
        _install(source, staging, list(files), moves)
    if moving:
        out(f"moved {source / DOCUMENT} and what belongs to it into {source / moving}")
    _report(result, ", ".join(str(source / rel) for rel in files), kept, out)
    _found(source, out)


def _found(source: Path, out: Callable[[str], None]) -> None:
    """What the texts give of themselves (`core/automatic.py`), as the build will link it."""
    from .core.errors import SourceError
    from .core.site import build_collection

    try:
        lines = build_collection(source).found_automatically()
    except SourceError:
        out("Found in the text: listed by the build once the mistakes it names are corrected")
        return
    out("\n".join(lines) if lines else "Found in the text: nothing beyond the registries")


def main(argv: list[str] | None = None) -> int:
    """The `conclusions` command; returns its exit status.

    Args:
        argv: the arguments after the program name (None: `sys.argv[1:]`).
    """
    args = _parser().parse_args(argv)
    try:
        args.run(args, _print)
    except Refusal as err:
        print(f"{PROG}: {err}", file=sys.stderr)
        return 2
    finally:
        _flushed()
    return 0


def _print(text: str) -> None:
    """`print`, until whoever reads the output stops (`conclusions new ... | head`): then the rest
    goes nowhere and the command finishes its work, with no traceback, as Unix tools end; a site
    or an import is never left half-written because its report could not be read."""
    try:
        print(text)
    except BrokenPipeError:
        _output_to_nowhere()


def _flushed() -> None:
    """The output printed so far, written out (a pipe closed early is no error, as in `_print`)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _output_to_nowhere()


def _output_to_nowhere() -> None:
    # What is still buffered, and whatever follows, goes to the null device: Python flushes
    # standard output again when it exits, and would report the broken pipe there.
    nowhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nowhere, sys.stdout.fileno())
    os.close(nowhere)


if __name__ == "__main__":
    sys.exit(main())
