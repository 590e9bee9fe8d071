"""Grid pages: counts per month, small groups hidden, whole months only; individual results for some roles, audited."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from dialogs.loader import FlowError, load_flows, parse_flow_file
from dialogs.results import BUILDERS
from dialogs.schema import Flow
from storage.db import Database
from storage.models import AuditEntry
from tests.conftest import NOW
from tests.support.grids import forget, grid_results
from tests.web.console.conftest import Desk, desk_of

SUPPORT = "examen de santé, droits, service social"
NO_NEED = "pas de besoin repéré"
UNCONCLUDED = "trop peu de réponses pour conclure"
"""What staff read for EPICES's orientations `support`, `no_need` and `not_concluded` (never the ids)."""
DECEMBER = datetime(2026, 12, 2, 10, 0, tzinfo=NOW.tzinfo)
"""A moment once November, the month of the tests' results, is over."""


async def audit_rows(db: Database) -> list[AuditEntry]:
    """The audit log but the roles given to the test's staff."""
    query = select(AuditEntry).where(AuditEntry.action != "grant_role").order_by(AuditEntry.id)
    async with db.unit_of_work() as session:
        return list((await session.execute(query)).scalars())


def cells(page: str) -> list[str]:
    """Each table row's text, cells separated by a space."""
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    return [html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()) for row in rows]


async def test_grid_stats_hide_small_groups(desk: Desk) -> None:
    await grid_results(desk.db, "support", 5)
    await grid_results(desk.db, "no_need", 2)
    await grid_results(desk.db, "support", 11, at=NOW - timedelta(days=40))
    desk.clock.now = DECEMBER  # November is over: it is counted
    signed = await desk.sign_in(8101, "mediator")
    page = await signed.get("/grids")
    assert page.status_code == 200
    assert '<caption id="t-grid-1">Questionnaire EPICES : personnes par mois et orientation</caption>' in page.text
    rows = cells(page.text)
    assert f"novembre 2026 {NO_NEED} moins de 5" in rows
    assert any(row.startswith(f"novembre 2026 {SUPPORT} 5 ") for row in rows)
    assert any(row.startswith(f"octobre 2026 {SUPPORT} 10 ") for row in rows)  # 11 people, in whole groups of 5
    assert '<meter class="bar" min="0" max="10" value="5" aria-hidden="true">5</meter>' in page.text
    assert f"{NO_NEED} 2" not in " ".join(rows)
    november = await signed.get("/grids", params={"from": "2026-11", "to": "2026-11"})
    assert "octobre 2026" not in november.text and f"novembre 2026 {SUPPORT} 5" in " ".join(cells(november.text))
    a_day = await signed.get("/grids", params={"from": "2026-11-02"})
    assert a_day.status_code == 200 and "« 2026-11-02 » est un jour : donnez un mois" in html.unescape(a_day.text)
    not_a_month = await signed.get("/grids", params={"to": "novembre"})
    assert "« novembre » n'est pas un mois" in html.unescape(not_a_month.text)
    backwards = await signed.get("/grids", params={"from": "2026-11", "to": "2026-10"})
    assert "Le premier mois (novembre 2026) est après le dernier (octobre 2026)." in backwards.text
    empty = await signed.get("/grids", params={"from": "2026-12"})
    assert "Aucun résultat de grille sur cette période." in empty.text
    assert await audit_rows(desk.db) == []  # counts are not personal data


async def test_one_more_grid_result_cannot_be_seen_between_two_readings(desk: Desk) -> None:
    """Someone finishes a grid between two readings of the counts: nothing they show changes until the month is over
    (a count moving by one would give that person's orientation away)."""
    await grid_results(desk.db, "support", 5)
    await grid_results(desk.db, "support", 6, at=NOW - timedelta(days=40))
    signed = await desk.sign_in(8101, "mediator")
    before = await signed.get("/grids")
    assert "Le mois en cours (novembre 2026) n'est pas encore compté" in html.unescape(before.text)
    assert any(row.startswith(f"octobre 2026 {SUPPORT} 5 ") for row in cells(before.text))  # 6 people: one group of 5
    assert not any(row.startswith("novembre 2026") for row in cells(before.text))
    await grid_results(desk.db, "no_need", 1)  # one more person, oriented differently
    after = await signed.get("/grids")
    assert cells(after.text) == cells(before.text)
    desk.clock.now = DECEMBER
    signed = await desk.sign_in(8101, "mediator")  # a new day, a new sign-in
    later = cells((await signed.get("/grids")).text)
    assert f"novembre 2026 {NO_NEED} moins de 5" in later
    assert any(row.startswith(f"novembre 2026 {SUPPORT} 5 ") for row in later)


async def test_one_person_erased_changes_no_count_staff_read(desk: Desk) -> None:
    """Someone of a month already over uses /forget: the counts, in whole groups of 5, and the groups listed stay as
    they were (a count down by one between two readings would tell which grid and orientation that person had)."""
    october = NOW - timedelta(days=40)
    support = await grid_results(desk.db, "support", 7, at=october)
    alone = await grid_results(desk.db, "no_need", 1, at=october)
    await grid_results(desk.db, "not_concluded", 10, at=october)
    signed = await desk.sign_in(8101, "mediator")
    before = await signed.get("/grids")
    rows = cells(before.text)
    assert any(row.startswith(f"octobre 2026 {SUPPORT} 5 ") for row in rows)  # 7 people: one whole group of 5
    assert any(row.startswith(f"octobre 2026 {UNCONCLUDED} 10 ") for row in rows)
    assert f"octobre 2026 {NO_NEED} moins de 5" in rows
    assert "Mois Orientation Personnes (par groupes de 5)" in rows
    assert "par groupes de 5, arrondis au multiple de 5 inférieur" in html.unescape(before.text)
    for person in (support[0], alone[0]):
        await forget(desk.db, person)
        after = await signed.get("/grids")
        assert cells(after.text) == rows


async def test_individual_results_are_audited_one_row_per_result(desk: Desk) -> None:
    first = await grid_results(desk.db, "support", 2)
    mediated = await grid_results(desk.db, "no_need", 1, at=NOW + timedelta(minutes=5), by_mediator=True)
    signed = await desk.sign_in(8102, "coordinator")
    listing = await signed.get("/grids")
    assert 'href="/grids/epices/results"' in listing.text
    page = await signed.get("/grids/epices/results")
    assert page.status_code == 200
    rows = cells(page.text)
    assert rows[1].startswith("22/11/2026 11:05 42,5")  # the date, then the score: no person's number
    assert "Personne n°" not in page.text and "ni par son nom ni par un numéro" in html.unescape(page.text)
    assert "une médiatrice ou un médiateur" in rows[1] and "la personne" in rows[2]
    assert "3 résultats en tout" in page.text
    audit = await audit_rows(desk.db)
    assert [(a.actor, a.action, a.person_id) for a in audit] == [
        ("telegram:8102", "read_grid_result", person) for person in [*mediated, *reversed(first)]
    ]
    assert all(a.detail["via"] == "console" and a.detail["grid"] == "epices" for a in audit)
    assert (await signed.get("/grids/nope/results")).status_code == 404


async def test_grid_pages_refused_to_other_roles(desk: Desk) -> None:
    await grid_results(desk.db, "support", 1)
    facilitator = await desk.sign_in(8103, "facilitator")
    assert (await facilitator.get("/grids")).status_code == 403
    refused = await facilitator.get("/grids/epices/results")
    assert refused.status_code == 403 and "Votre rôle ne donne pas accès" in refused.text
    assert (await desk.browser().get("/grids")).status_code == 403
    assert (await desk.browser().get("/grids/epices/results")).status_code == 403
    mediator = await desk.sign_in(8104, "mediator")
    assert (await mediator.get("/grids/epices/results")).status_code == 200
    assert await audit_rows(desk.db) != []
    home = await facilitator.get("/")
    assert 'href="/grids"' not in home.text


async def test_a_month_of_a_year_no_count_can_reach_is_refused_in_words(desk: Desk) -> None:
    signed = await desk.sign_in(8521, "coordinator")
    for field, value in (("to", "0000-01"), ("to", "9999-12"), ("from", "0001-01")):
        page = await signed.get("/grids", params={field: value})
        assert page.status_code == 200
        assert f"« {value} » n'est pas un mois" in html.unescape(page.text)


async def test_a_grid_that_did_not_conclude_shows_no_score(desk: Desk) -> None:
    await grid_results(desk.db, "not_concluded", 1)
    signed = await desk.sign_in(8102, "coordinator")
    rows = cells((await signed.get("/grids/epices/results")).text)
    assert rows[1].startswith(f"22/11/2026 11:00 non concluante — {UNCONCLUDED}")
    assert "42,5" not in rows[1]


async def test_months_are_the_services_calendar_months(desk: Desk) -> None:
    """A result at 00:30 on 1 November Paris time (23:30 UTC on 31 October) counts in November, one at 23:30 on
    31 October Paris time in October; and on 1 December at 00:30 Paris time November is over and shown."""
    await grid_results(desk.db, "support", 5, at=datetime(2026, 10, 31, 23, 30, tzinfo=NOW.tzinfo))
    await grid_results(desk.db, "not_concluded", 5, at=datetime(2026, 10, 31, 22, 30, tzinfo=NOW.tzinfo))
    await grid_results(desk.db, "no_need", 5, at=datetime(2026, 9, 30, 22, 30, tzinfo=NOW.tzinfo))  # 1 Oct CEST
    desk.clock.now = datetime(2026, 11, 30, 23, 30, tzinfo=NOW.tzinfo)  # 00:30 on 1 December in Paris
    signed = await desk.sign_in(8101, "mediator")
    page = await signed.get("/grids")
    rows = cells(page.text)
    assert any(row.startswith(f"novembre 2026 {SUPPORT} 5 ") for row in rows), rows
    assert any(row.startswith(f"octobre 2026 {UNCONCLUDED} 5 ") for row in rows), rows
    assert any(row.startswith(f"octobre 2026 {NO_NEED} 5 ") for row in rows), rows
    assert not any(row.startswith("septembre 2026") for row in rows), rows
    assert "Le mois en cours (décembre 2026)" in html.unescape(page.text)
    november = cells((await signed.get("/grids", params={"from": "2026-11", "to": "2026-11"})).text)
    assert any(row.startswith(f"novembre 2026 {SUPPORT} 5 ") for row in november) and not any(
        UNCONCLUDED in r for r in november
    )


async def test_orientations_read_as_words_in_the_consoles_language(desk: Desk) -> None:
    """The counts and the results say what each orientation is, in the console's language, in the grid's order;
    before, staff read the grid author's ids (« no_need », « support »)."""
    october = NOW - timedelta(days=40)
    await grid_results(desk.db, "no_need", 5, at=october)
    await grid_results(desk.db, "support", 6, at=october)
    await grid_results(desk.db, "not_concluded", 1, at=october)
    signed = await desk.sign_in(8102, "coordinator")
    counts = cells((await signed.get("/grids")).text)
    assert counts[1:] == [  # as EPICES lists them: not concluded, support, no need
        f"octobre 2026 {UNCONCLUDED} moins de 5",
        f"octobre 2026 {SUPPORT} 5 5",
        f"octobre 2026 {NO_NEED} 5 5",
    ]
    results = cells((await signed.get("/grids/epices/results")).text)
    assert results[1].startswith(f"13/10/2026 12:00 non concluante — {UNCONCLUDED} la personne")
    assert SUPPORT in results[2] and NO_NEED in results[-1]
    assert not any(word in row for row in counts + results for word in ("support", "no_need", "not_concluded"))
    await signed.post("/language", {"language": "en", "back": "/grids"})
    english = cells((await signed.get("/grids")).text)
    assert english[1:] == [
        "October 2026 too few answers to conclude fewer than 5",
        "October 2026 health check-up, rights, social service 5 5",
        "October 2026 no need identified 5 5",
    ]
    english_results = cells((await signed.get("/grids/epices/results")).text)
    assert "no need identified" in english_results[-1] and "pas de besoin" not in english_results[-1]


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
    - {id: oriente_vers_eps, when: {answer: score, gte: 1}, text: "Haut.", offers: [checkup, rights]}
    - {id: rien, text: "Bas."}
"""


async def test_a_grid_written_without_labels_reads_as_words(
    db: Database, flows: dict[str, Flow], tmp_path: Path
) -> None:
    """A grid staff wrote without labels: its orientations read as their place in the grid and what they offer;
    one removed since, as removed, with the only name left of it."""
    (tmp_path / "ma_grille.yaml").write_text(STAFF_GRID, encoding="utf-8")
    mine = load_flows([tmp_path], BUILDERS)
    october = NOW - timedelta(days=40)
    for orientation, people in (("pas_assez", 5), ("oriente_vers_eps", 5), ("rien", 5), ("ancienne", 5)):
        await grid_results(db, orientation, people, at=october, grid="ma_grille")
    async for desk in desk_of(db, {**flows, **mine}):
        signed = await desk.sign_in(8102, "coordinator")
        counts = cells((await signed.get("/grids")).text)
        assert counts[1:5] == [
            "octobre 2026 n° 1, non concluante (propose : rappel) 5 5",
            "octobre 2026 n° 2 (propose : examen de santé, bilan de droits) 5 5",
            "octobre 2026 n° 3 (sans proposition) 5 5",
            "octobre 2026 retirée de la grille (ancienne) 5 5",
        ]
        results = " ".join(cells((await signed.get("/grids/ma_grille/results")).text))
        assert "n° 2 (propose : examen de santé, bilan de droits)" in results and "oriente_vers_eps" not in results


async def test_the_grids_page_names_each_staff_file_left_out_and_its_problem(
    db: Database, flows: dict[str, Flow]
) -> None:
    problem = FlowError(
        "/srv/grilles/ma_grille.yaml", None, "scoring.orientations.haut.when.gte: true (yes/no in YAML) is not a number"
    )
    async for desk in desk_of(
        db, flows, [problem, FlowError("/srv/grilles/autre.yaml", "q1", "step id is used twice")]
    ):
        page = await (await desk.sign_in(8141, "mediator")).get("/grids")
        assert page.status_code == 200
        text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page.text)))
        assert "Fichiers laissés de côté au démarrage" in text
        general = "Le fichier a une erreur que la console ne sait pas encore dire en mots simples."
        assert (
            f"/srv/grilles/ma_grille.yaml : {general} Détail technique (en anglais) : "
            "scoring.orientations.haut.when.gte: true (yes/no in YAML) is not a number" in text
        )
        assert f"/srv/grilles/autre.yaml (étape « q1 ») : {general} Détail technique (en anglais) : step id" in text


BROKEN = {
    "syntaxe.yaml": "id: syntaxe\nversion: 1\ntitle: [oops\nsteps: []\n",
    "sans_titre.yaml": "id: sans_titre\nversion: 1\nsteps:\n  - {id: a, kind: yesno, text: Question A}\n",
    "couleur.yaml": "id: couleur\nversion: 1\ntitle: T\nsteps:\n  - {id: a, kind: colour, text: Question A}\n",
    "bornes.yaml": "id: bornes\nversion: 1\ntitle: T\nsteps:\n"
    "  - {id: age, kind: number, text: Votre âge, min: 99, max: 2}\n",
    "double.yaml": "id: double\nversion: 1\ntitle: T\nsteps:\n  - {id: a, kind: yesno, text: Question A}\n"
    "  - {id: a, kind: yesno, text: Question B}\n",
}


async def test_a_refused_file_says_why_in_the_pages_language_and_where(
    db: Database, flows: dict[str, Flow], tmp_path: Path
) -> None:
    """Staff dropped broken grid files: the grids page says, in French or in English, which field is missing, which
    kind of step is unknown, which bounds are the wrong way round, which id is used twice, and at which line the
    YAML is broken; `flows check` keeps its own English lines."""
    folder = tmp_path / "grilles"
    folder.mkdir()
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    problems = [problem for path in sorted(folder.iterdir()) for problem in parse_flow_file(path, BUILDERS)[1]]
    async for desk in desk_of(db, flows, problems):
        signed = await desk.sign_in(8143, "mediator")
        french = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (await signed.get("/grids")).text)))
        assert f"{folder}/sans_titre.yaml : Le champ obligatoire « title » manque." in french
        assert (
            f"{folder}/couleur.yaml (étape « a ») : « colour » n'est pas un type d'étape. Types possibles :" in french
        )
        assert f"{folder}/bornes.yaml (étape « age ») : Le minimum (99) est plus grand que le maximum (2)." in french
        assert f"{folder}/double.yaml (étape « a ») : Cet identifiant d'étape est utilisé plusieurs fois" in french
        assert f"{folder}/syntaxe.yaml (ligne 4) : Le fichier n'est pas écrit en YAML valide" in french
        assert "Field required" not in french and "Input should be" not in french and "ne sait pas" not in french
        await signed.post("/language", {"language": "en", "back": "/grids"})
        english = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (await signed.get("/grids")).text)))
        assert f"{folder}/sans_titre.yaml: The required field “title” is missing." in english
        assert f"{folder}/couleur.yaml (step “a”): “colour” is not a kind of step. Possible kinds:" in english
        assert f"{folder}/bornes.yaml (step “age”): The minimum (99) is greater than the maximum (2)." in english
        assert f"{folder}/syntaxe.yaml (line 4): The file is not valid YAML" in english
        assert "manque" not in english


async def test_the_grids_page_says_nothing_of_left_out_files_when_there_are_none(desk: Desk) -> None:
    page = await (await desk.sign_in(8142, "mediator")).get("/grids")
    assert page.status_code == 200
    assert "laissés de côté" not in html.unescape(page.text)
