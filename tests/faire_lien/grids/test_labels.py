"""What staff read for an orientation: its label in the grid file, or, in a grid written without, words all the same."""

from __future__ import annotations

from pathlib import Path

from dialogs.i18n import translator
from dialogs.loader import load_flows
from dialogs.results import BUILDERS
from dialogs.schema import Flow
from faire_lien.grids.labels import orientation_label
from faire_lien.grids.notes import staff_note

STAFF_GRID = """id: ma_grille
version: 1
category: screening
title: Ma grille
result: grid
steps:
  - {id: a, kind: yesno, text: "A ?", next: end}
scoring:
  points: {a: {"yes": 1}}
  orientations:
    - {id: pas_assez, concluded: false, when: {answer: a, answered: false}, text: "Pas assez.", offers: [callback]}
    - {id: oriente_vers_eps, when: {answer: score, gte: 1}, text: "Haut.", offers: [checkup, rights, facilitator]}
    - {id: rien, text: "Bas."}
"""


def test_every_shipped_orientation_has_a_short_label(flows: dict[str, Flow]) -> None:
    for flow in flows.values():
        for orientation in flow.scoring.orientations if flow.scoring is not None else []:
            assert orientation.label is not None and len(orientation.label) <= 50, (flow.id, orientation.id)


def test_a_grid_without_labels_reads_its_orientations_as_their_place_and_offers(tmp_path: Path) -> None:
    (tmp_path / "ma_grille.yaml").write_text(STAFF_GRID, encoding="utf-8")
    grid = load_flows([tmp_path], BUILDERS)["ma_grille"]
    french, english = translator("fr"), translator("en")
    assert [french(orientation_label(grid, key)) for key in ("pas_assez", "oriente_vers_eps", "rien", "gone")] == [
        "n° 1, non concluante (propose : rappel)",
        "n° 2 (propose : examen de santé, bilan de droits, rencontre avec l'animatrice)",
        "n° 3 (sans proposition)",
        "retirée de la grille (gone)",
    ]
    assert english(orientation_label(grid, "oriente_vers_eps")) == (
        "no. 2 (offers: health check-up, rights check, meeting with the group facilitator)"
    )
    assert french(staff_note(grid, {"a": True})) == (
        "🔒 Pour le professionnel : score 1 ; orientation « n° 2 (propose : examen de santé, bilan de droits, "
        "rencontre avec l'animatrice) »."
    )


def test_a_label_is_translated_with_the_grids_texts(flows: dict[str, Flow]) -> None:
    epices = flows["epices"]
    assert translator("fr")(orientation_label(epices, "no_need")) == "pas de besoin repéré"
    assert translator("en")(orientation_label(epices, "no_need")) == "no need identified"
    assert translator("uk")(orientation_label(epices, "no_need")) == "потреби не виявлено"
    assert translator("fr")(orientation_label(None, "support")) == "retirée de la grille (support)"
