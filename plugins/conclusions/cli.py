"""The `conclusions` command: a new site for one Council text, or a new import of its text.

    conclusions new DIR --from INPUT [options]   a complete site in DIR
    conclusions import INPUT [--source DIR] [options]   the text again, into this site's source/

Both run the importer (`conclusions.importer`) on INPUT and print its report. A problem is
one line on stderr, `conclusions: <file>: <what is wrong>; <what to do>`, exit code 2, and
nothing written: every file is written into a temporary folder first and moved into place
only once all of them are there.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import yaml

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


class Refusal(Exception):
    """One line for the user, after `conclusions: `: `<file>: <what is wrong>; <what to do>`."""


def _refusal(file: object, problem: str, remedy: str) -> Refusal:
    return Refusal(_one_line(f"{file}: {problem}; {remedy}"))


def _one_line(text: str) -> str:
    return " ".join(text.split())


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
            args.input, f"--date {args.date!r} is not a date", "give the document's date as YYYY-MM-DD"
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


def _run_importer(args: argparse.Namespace) -> ImportResult:
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


def _move_into(staged: Path, target: Path) -> None:
    """Every file of `staged` to the same place under `target` (replacing files; others stay)."""
    for folder, _dirs, names in os.walk(staged):
        for name in names:
            rel = Path(folder, name).relative_to(staged)
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged / rel, target / rel)


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
    target: Path = args.dir
    if target.exists() and not target.is_dir():
        raise _refusal(target, "is a file", "name a new folder for the site")
    if target.is_dir() and any(target.iterdir()) and not args.force:
        raise _refusal(target, "is not empty", "name a new folder, or pass --force to write the site's files into it")
    original = _checked_input(args.input)
    result = _run_importer(args)

    files = {dest: (SCAFFOLD / name).read_bytes() for name, dest in SITE_FILES.items()}
    files["requirements.txt"] = _requirements().encode("utf-8")
    source = _source_files(result, original, args.input.name, dict(result.registries))
    files.update({f"{SOURCE}/{rel}": data for rel, data in source.items()})
    with _staging(target.absolute().parent) as staging:
        _write(staging / "site", files)
        if target.is_dir():
            _move_into(staging / "site", target)
        else:
            target.absolute().parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / "site", target)
    _report(result, f"{target}/: {', '.join(files)}", [], out)
    out(f"next: cd {target} && mkdocs serve")


# -- conclusions import --------------------------------------------------------------------------


def _recorded_sha256(record: Path) -> str | None:
    try:
        data = yaml.safe_load(record.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
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


def _identity(document_md: str) -> tuple[str, str]:
    """(document id, its prefix in a collection) of a document.md's front matter; ('', '') when it gives none."""
    from .core.urls import document_prefix

    front = document_md.split("\n---", 1)[0].removeprefix("---")
    try:
        data = yaml.safe_load(front)
    except yaml.YAMLError:
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    document_id, date = str(data.get("document_id") or ""), str(data.get("date") or "")
    return document_id, document_prefix(document_id, date[:4])


COLLECTION_DIR = DOCUMENTS
COLLECTION_FILE = COLLECTION_SETTINGS


def import_into_site(args: argparse.Namespace, out: Callable[[str], None]) -> None:
    """`conclusions import INPUT`: a new version of the text into a site's `source/`, or a
    text added to a collection (`source/documents/<prefix>/`).

    Args:
        args: the parsed command line (`input`, `source`, `force`, `add` and the importer's options).
        out: where the report and what was written are printed.
    """
    _checked_date(args)
    source: Path = args.source
    if not source.is_dir():
        raise _refusal(
            source,
            "no such folder",
            "run this in the site's folder, name its source folder with --source, "
            "or make a site with `conclusions new`",
        )
    original = _checked_input(args.input)
    result = _run_importer(args)
    new_id, new_prefix = _identity(result.document_md)
    collection = (source / COLLECTION_DIR).is_dir()
    moving: str = ""
    if not collection and (source / DOCUMENT).exists():
        old_id, old_prefix = _identity((source / DOCUMENT).read_text(encoding="utf-8"))
        if new_id and old_id and new_id != old_id:
            if not args.add:
                raise _refusal(
                    source / DOCUMENT,
                    f"is {old_id} and {args.input} is {new_id}",
                    "pass --add to make the site a collection holding both (each document's pages then stand "
                    f"under its own prefix, /{old_prefix}/ and /{new_prefix}/, and the old addresses redirect), "
                    "or --force to replace the document",
                )
            if args.force:
                raise _refusal(args.input, "--add and --force", "give one of them")
            moving, collection = old_prefix, True
    if collection and not new_prefix:
        raise _refusal(
            args.input,
            "gives no document id to name its folder in the collection",
            "give it with --number and --date",
        )
    target = source / COLLECTION_DIR / new_prefix if collection else source
    if not args.force and not moving:
        _check_not_edited(target)

    registries = {name: text for name, text in result.registries.items() if not (source / name).exists()}
    kept = [str(source / name) for name in result.registries if name not in registries]
    document_files = _source_files(result, original, args.input.name, {})
    files = {name: text.encode("utf-8") for name, text in registries.items()}
    where = f"{COLLECTION_DIR}/{new_prefix}/" if collection else ""
    files.update({where + rel: data for rel, data in document_files.items()})
    if moving and not (source / COLLECTION_FILE).exists():
        files[COLLECTION_FILE] = (
            "# A collection of Council texts (see the plugin's core/collection.py).\n"
            "title: Council conclusions\n"
            "# The document this site published at its root: its old addresses redirect to its new ones.\n"
            f"formerly_at_root: {moving}\n"
        ).encode()
    with _staging(source.absolute().parent) as staging:  # outside docs_dir: `mkdocs serve` may watch it
        _write(staging, files)
        if moving:
            # The document that was at the root moves into its folder first, whole.
            folder = source / COLLECTION_DIR / moving
            folder.mkdir(parents=True, exist_ok=True)
            for name in MOVED_WITH_DOCUMENT:
                if (source / name).exists():
                    os.replace(source / name, folder / name)
        _move_into(staging, source)
    if moving:
        out(f"moved {source / DOCUMENT} and what belongs to it into {source / COLLECTION_DIR / moving}/")
    _report(result, ", ".join(str(source / rel) for rel in files), kept, out)


def main(argv: list[str] | None = None) -> int:
    """The `conclusions` command; returns its exit status.

    Args:
        argv: the arguments after the program name (None: `sys.argv[1:]`).
    """
    args = _parser().parse_args(argv)
    try:
        args.run(args, print)
    except Refusal as err:
        print(f"{PROG}: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
