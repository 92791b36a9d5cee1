"""Header labels: the number sign's variants are one label ("N° doc. préc.", "Nº", "N.º", "№",
"No"); a line shaped "Label: value" that is no known label is unplaced, never joined to the field
above it. The texts are invented, shaped as the register's French cover pages are."""

from __future__ import annotations

from pathlib import Path

import conclusions
import pytest
import yaml
from conclusions.importer import ImportResult, import_document
from conclusions.importer.words import label_key, words

_TEXT = """Conseil de
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
1. SALUE les plans d'adaptation adoptés par les États membres.
7311/26 KL/mn 2
ANNEXE TREE.1.A FR
"""


def _import(tmp_path: Path, line: str) -> tuple[dict[str, object], ImportResult]:
    path = tmp_path / "ST-7311-2026-INIT-fr.txt"
    path.write_text(_TEXT.format(line=line), encoding="utf-8")
    result = import_document(path)
    front = yaml.safe_load(result.document_md.split("---\n")[1])
    return front, result


@pytest.mark.parametrize("sign", ["N°", "Nº", "N.º", "N.°", "№", "No", "No.", "n°"])
def test_the_number_sign_variants_are_one_label(tmp_path: Path, sign: str) -> None:
    front, result = _import(tmp_path, f"{sign} doc. préc.: 6950/26")
    assert front["previous_document"] == "6950/26"
    assert front["to"] == "délégations"
    assert not yaml.safe_load(result.record)["unplaced"]


def test_no_two_known_labels_become_one() -> None:
    # The number sign is normalised in the known labels too: each label of the words files
    # stays a label of its own.
    files = sorted((Path(conclusions.__file__).parent / "words").glob("*.yml"))
    labels = [
        label
        for path in files
        for label in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("header labels") or {}
    ]
    assert len({label_key(str(label)) for label in labels}) == len(labels) == len(words().labels)


@pytest.mark.parametrize("line", ["Réf. interne: XK 12", "Code de suivi: 2026-07"])
def test_an_unknown_label_is_unplaced_never_joined_to_a_field(tmp_path: Path, line: str) -> None:
    front, result = _import(tmp_path, line)
    assert front["to"] == "délégations"
    assert all(line not in str(value) for value in front.values())
    record = yaml.safe_load(result.record)
    number = _TEXT.splitlines().index("{line}") + 1
    assert [entry["where"] for entry in record["unplaced"]] == [f"line {number}"]
    assert "label" in record["unplaced"][0]["cause"]
    assert "ready to publish" not in result.report.text()
