"""The importer is faithful or it fails: what it cannot place with certainty is unplaced or
doubtful, so that the build refuses until a person decides; never joined to the text nearby.

- A line below the rule drawn above a page's footnotes, numbered like a footnote, is that
  footnote's text: never joined to the point above it. Its marker glued to a number of the text
  ("COP 281;" for footnote 1 after "COP 28") is placed only when one number alone can hold it,
  and then as a doubtful line; otherwise the footnote's line is unplaced.
- Header labels: the number sign's variants are one label ("N° doc. préc.", "Nº", "N.º", "№",
  "No"); a line shaped "Label: value" that is no known label is unplaced, never joined to the
  field above it.

The texts are invented, shaped as the register's French texts are (cover page, annex, footers).
"""

from __future__ import annotations

import re
from pathlib import Path

import conclusions
import pytest
from conclusions.importer import ImportResult, import_document
from conclusions.importer.words import label_key, words

from site_tests.support import yaml_data

_COVER = """Conseil de
l'Union européenne
Bruxelles, le 16 mars 2026
(OR. en)
7311/26
CLIMA 61
RÉSULTATS DES TRAVAUX
Origine: Secrétariat général du Conseil
Destinataire: délégations
{line}
Objet: Conclusions du Conseil sur l'adaptation des villes côtières
Les délégations trouveront en annexe les conclusions du Conseil sur l'adaptation des villes
côtières.
7311/26 KL/mn 1
TREE.1.A FR
ANNEXE
Conclusions du Conseil sur l'adaptation des villes côtières
LE CONSEIL DE L'UNION EUROPÉENNE,
"""
_END = """7311/26 KL/mn 2
ANNEXE TREE.1.A FR
"""
_TEXT = _COVER + "1. SALUE les plans d'adaptation adoptés par les États membres.\n" + _END
_PAGE = (
    _COVER.replace("{line}", "N° doc. préc.: 6950/26")
    + """RAPPELANT ses conclusions sur la préparation de la COP {cop};
APPROUVE LES CONCLUSIONS SUIVANTES:
1. SALUE les plans d'adaptation adoptés par les États membres;
2. ENCOURAGE les États membres à:
a) associer les autorités locales à la planification;
b) partager leurs données avec l'Agence européenne pour l'environnement.
_________________
1 {note}
"""
    + _END
)

_NOTE = "Doc. 14285/23."


def _import(tmp_path: Path, text: str) -> ImportResult:
    path = tmp_path / "ST-7311-2026-INIT-fr.txt"
    path.write_text(text, encoding="utf-8")
    return import_document(path)


def _line_of(text: str, start: str) -> str:
    return f"line {next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))}"


def test_a_footnote_below_the_rule_is_never_joined_to_a_point(tmp_path: Path) -> None:
    text = _PAGE.format(cop="281", note=_NOTE)
    result = _import(tmp_path, text)
    last_point = next(line for line in text.splitlines() if line.startswith("b) "))
    assert last_point in result.document_md
    assert f"{last_point} 1" not in result.document_md
    # The only number that can hold footnote 1's marker is "281": the marker goes there, doubtful.
    assert "COP 28[^1];" in result.document_md
    assert f"[^1]: {_NOTE}" in result.document_md
    record = yaml_data.safe_load(result.record)
    recital = _line_of(text, "RAPPELANT")
    assert [entry["where"] for entry in record["doubtful"]] == [recital]
    assert "footnote 1" in record["doubtful"][0]["cause"]
    assert not record["unplaced"]
    assert "ready to publish" not in result.report.text()


def test_a_footnote_whose_marker_is_ambiguous_is_unplaced(tmp_path: Path) -> None:
    # Two numbers end with a 1 ("281" and "91"): no certainty.
    text = _PAGE.format(cop="281 et de la COP 91", note=_NOTE)
    result = _import(tmp_path, text)
    assert "[^1]" not in result.document_md
    assert _NOTE not in result.document_md
    record = yaml_data.safe_load(result.record)
    footnote = _line_of(text, "1 Doc.")
    assert [entry["where"] for entry in record["unplaced"]] == [footnote]
    assert "[^1]" in record["unplaced"][0]["cause"]
    assert re.search(r"Verdict: 1 line needs a decision", result.report.text())


def test_a_footnote_without_any_number_to_hold_its_marker_is_unplaced(tmp_path: Path) -> None:
    text = _PAGE.format(cop="28", note=_NOTE)
    result = _import(tmp_path, text)
    assert _NOTE not in result.document_md
    assert [entry["where"] for entry in yaml_data.safe_load(result.record)["unplaced"]] == [_line_of(text, "1 Doc.")]


def test_a_marker_found_below_the_rule_reads_as_before(tmp_path: Path) -> None:
    text = _PAGE.format(cop="28", note=_NOTE).replace("adoptés par les États membres;", "adoptés1;")
    result = _import(tmp_path, text)
    assert "adoptés[^1];" in result.document_md
    record = yaml_data.safe_load(result.record)
    assert not record["unplaced"] and not record["doubtful"]


def _import_with(tmp_path: Path, line: str) -> tuple[dict[str, object], ImportResult]:
    """The cover page with `line` among its labelled fields: its front matter, and the import."""
    result = _import(tmp_path, _TEXT.format(line=line))
    front = yaml_data.safe_load(result.document_md.split("---\n")[1])
    return front, result


@pytest.mark.parametrize("sign", ["N°", "Nº", "N.º", "N.°", "№", "No", "No.", "n°"])
def test_the_number_sign_variants_are_one_label(tmp_path: Path, sign: str) -> None:
    front, result = _import_with(tmp_path, f"{sign} doc. préc.: 6950/26")
    assert front["previous_document"] == "6950/26"
    assert front["to"] == "délégations"
    assert not yaml_data.safe_load(result.record)["unplaced"]


def test_no_two_known_labels_become_one() -> None:
    # The number sign is normalised in the known labels too: each label of a words file stays a
    # label of its own; a label two languages share ("Origine:", French and Italian) is one
    # field in both.
    files = sorted((Path(conclusions.__file__).parent / "words").glob("*.yml"))
    fields: dict[str, set[str]] = {}
    for path in files:
        labels = (yaml_data.safe_load(path.read_text(encoding="utf-8")) or {}).get("header labels") or {}
        assert len({label_key(str(label)) for label in labels}) == len(labels), path.name
        for label, field in labels.items():
            fields.setdefault(label_key(str(label)), set()).add(str(field))
    assert all(len(f) == 1 for f in fields.values()), fields
    assert len(fields) == len(words().labels)
    assert words().label_language[label_key("Origine")] == ("fr", "it")


@pytest.mark.parametrize("line", ["Réf. interne: XK 12", "Code de suivi: 2026-07"])
def test_an_unknown_label_is_unplaced_never_joined_to_a_field(tmp_path: Path, line: str) -> None:
    front, result = _import_with(tmp_path, line)
    assert front["to"] == "délégations"
    assert all(line not in str(value) for value in front.values())
    record = yaml_data.safe_load(result.record)
    number = _TEXT.splitlines().index("{line}") + 1
    assert [entry["where"] for entry in record["unplaced"]] == [f"line {number}"]
    assert "label" in record["unplaced"][0]["cause"]
    assert "ready to publish" not in result.report.text()
