"""A grid staff wrote without `category` (or with a word the project does not know) is a screening grid everywhere."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from dialogs.i18n import available_languages
from dialogs.loader import BUILTIN_DIRS, check_flows, load_flows
from dialogs.results import BUILDERS
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.grid_counts import rebuild
from storage.models import GridResult
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.cli import RunCli

GRID = """id: {id}
version: 1
{category}
title: {title}
result: grid
steps:
  - {{id: a, kind: yesno, text: "Vous sentez-vous seul·e ?", next: end}}
scoring:
  points: {{a: {{"yes": 1}}}}
  orientations:
    - {{id: haut, when: {{answer: score, gte: 1}}, text: "Un professionnel peut vous appeler.", offers: [callback]}}
    - {{id: rien, text: "Merci pour votre réponse."}}
"""


def write_grid(folder: Path, grid_id: str, category: str, title: str = "Ma grille") -> Path:
    """A staff grid file in `folder`, with this `category:` line (empty: none)."""
    path = folder / f"{grid_id}.yaml"
    path.write_text(GRID.format(id=grid_id, category=category, title=title), encoding="utf-8")
    return path


@pytest.mark.parametrize("category", ["", "category: null", "category: dépistage", "category: ' Screening '"])
def test_a_grid_without_a_known_category_loads_as_a_screening_grid(tmp_path: Path, category: str) -> None:
    write_grid(tmp_path, "ma_grille", category)
    flows, errors = check_flows([tmp_path], BUILDERS)
    assert errors == []
    assert flows["ma_grille"].category == "screening"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "id: x\nversion: 1\ncategory: depistage\ntitle: T\nsteps:\n  - {id: q1, kind: yesno, text: Q}\n",
            "category: 'depistage' is not a category; write one of: rights, screening, survey, profile, request, "
            "staff (a grid or a survey may leave it out)",
        ),
        (
            GRID.format(id="x", category="category: [screening]", title="T"),
            "category: ['screening'] is not a category; write one of: rights, screening, survey, profile, request, "
            "staff (a grid or a survey may leave it out)",
        ),
    ],
)
def test_a_wrong_category_tells_staff_what_to_write(tmp_path: Path, body: str, expected: str) -> None:
    (tmp_path / "x.yaml").write_text(body, encoding="utf-8")
    _, errors = check_flows([tmp_path], BUILDERS)
    assert [str(e) for e in errors] == [f"{tmp_path / 'x.yaml'}: {expected}"]


@pytest.mark.parametrize(
    ("category", "hint"),
    [
        ("category: profil", "did you mean 'profile'? "),
        ("category: Screenning", "did you mean 'screening'? "),
        ("category: dépistage", ""),
    ],
)
def test_flows_check_warns_of_an_unknown_category_word_in_a_grid(
    tmp_path: Path, run_cli: RunCli, category: str, hint: str
) -> None:
    path = write_grid(tmp_path, "ma_grille", category)
    word = category.removeprefix("category: ")
    run = run_cli("flows", "check", str(tmp_path))
    assert run.code == 0, run.stderr
    assert run.stderr.splitlines() == [
        f"warning: {path}: category: {word!r} is not a category word (rights, screening, survey, profile, request, "
        f"staff); {hint}the file is read as screening (its scoring implies it)"
    ]
    assert "1 flow(s) valid, 0 error(s), 1 warning(s)" in run.stdout
    assert load_flows([tmp_path], BUILDERS)["ma_grille"].category == "screening"


@pytest.mark.parametrize("category", ["", "category: screening", "category: ' Profile '"])
def test_flows_check_is_silent_on_a_known_or_absent_category(tmp_path: Path, run_cli: RunCli, category: str) -> None:
    write_grid(tmp_path, "ma_grille", category)
    run = run_cli("flows", "check", str(tmp_path))
    assert (run.code, run.stderr) == (0, "")
    assert "1 flow(s) valid, 0 error(s)\n" in run.stdout


async def test_a_grid_without_category_is_offered_answered_and_counted(
    flows: dict[str, Flow], db: Database, tmp_path: Path, run_cli: RunCli
) -> None:
    """Before: the grid was missing from « Questionnaire de repérage » and from « Questionnaire avec une personne »
    (it read as a profile form), and one written `category: dépistage` stopped the bot and the command line."""
    write_grid(tmp_path, "ma_grille", "", "Grille de l'équipe")
    write_grid(tmp_path, "autre_grille", "category: Dépistage", "Autre grille")
    mine = load_flows([tmp_path], BUILDERS)
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant({**shipped, **mine}, available_languages(), clock=lambda: NOW)

    person = Talker(assistant, db, who=Identity(telegram_id=501))
    for step in ["/start", "press:Français", "press:J'accepte", "press:Questionnaire de repérage"]:
        await person.do(step)
    labels = [label for row in person.screen[0].labels() for label in row]
    assert "Grille de l'équipe" in labels and "Autre grille" in labels
    await person.do("press:Grille de l'équipe")
    await person.do("press:Oui")
    card = person.screen[0]
    assert card.text.startswith("📝 Grille de l'équipe\nUn professionnel peut vous appeler.")
    await person.do("/mydata")
    assert "• 1 questionnaire terminé" in person.screen[0].text
    document = person.screen[0].document
    assert document is not None
    (result,) = json.loads(document.content)["grid_results"]
    assert (result["grid"], result["orientation"], result["concluded"]) == ("ma_grille", "haut", True)

    await make_staff(db, 9, "mediator")
    mediator = Talker(assistant, db, who=Identity(telegram_id=9))
    for step in ["/start", "press:Français", "press:J'accepte", "/staff", "press:Questionnaire avec une personne"]:
        await mediator.do(step)
    listed = [label for reply in mediator.screen for row in reply.labels() for label in row]
    assert any("Grille de l'équipe" in label for label in listed), listed
    await mediator.do("press:Grille de l'équipe")
    assert "accepte qu'elles soient enregistrées" in mediator.screen[0].text

    for n in range(4):
        other = Talker(assistant, db, who=Identity(telegram_id=600 + n))
        for step in ["/start", "press:Français", "press:J'accepte", "raw:go:ma_grille", "press:Oui"]:
            await other.do(step)
    async with db.unit_of_work() as session:  # a month already over: counted
        await session.execute(update(GridResult).values(created_at=NOW - timedelta(days=40)))
        await rebuild(session)
    env = {"DATABASE_URL": db.url, "FLOWS_DIRS": json.dumps([*map(str, BUILTIN_DIRS), str(tmp_path)])}
    stats = run_cli("grids", "stats", env=env).check().splitlines()
    assert stats[0] == "2026-10 ma_grille haut (n° 1 (propose : rappel)): 5"
