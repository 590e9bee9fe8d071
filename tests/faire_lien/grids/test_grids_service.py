"""Grids in the conversation: the person sees an orientation, staff see the score, mediators answer for someone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import update

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.grid_counts import rebuild
from storage.models import Answer, AuditEntry, GridResult, Person, Response
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.cli import RunCli
from tests.support.db import rows
from tests.support.grids import forget, grid_results

STAFF_ID = 9
# Yes to Q1 (social worker) and Q5 (financial difficulties), protective elsewhere except no holidays (Q8).
HIGH = ["Oui", "Non", "Oui", "Non", "Oui", "Non", "Non", "Non", "Oui", "Non", "Non"]


def assistant_with_staff(flows: dict[str, Flow]) -> Assistant:
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    return Assistant(shipped, available_languages(), clock=lambda: NOW)


async def test_epices_result_is_an_orientation_without_the_score(flows: dict[str, Flow], db: Database) -> None:
    talker = Talker(assistant_with_staff(flows), db)
    for step in ["/start", "press:Français", "press:J'accepte", "press:Questionnaire de repérage"]:
        await talker.do(step)
    assert ["Questionnaire EPICES"] in talker.screen[0].labels()
    await talker.do("press:EPICES")
    for answer in HIGH:
        await talker.do(f"press:{answer}")
    card = talker.screen[0]
    score = 75.14 + 10.06 - 8.28 + 14.80 - 9.47
    assert card.text.startswith("📝 Questionnaire EPICES\nMerci pour vos réponses. Vous pouvez bénéficier")
    assert "score" not in card.text.lower() and "précaire" not in card.text
    assert card.labels() == [
        ["🩺 Réserver l'examen de santé gratuit"],
        ["🩺 Faire le bilan de mes droits santé"],
        ["📞 Parler à un travailleur social"],
    ]
    (result,) = await rows(db, GridResult)
    assert (result.grid_id, result.grid_version, result.orientation, result.answered_by) == (
        "epices",
        1,
        "support",
        "person",
    )
    assert result.score == Decimal(str(round(score, 2)))
    await talker.do("press:bilan de mes droits")
    assert "Bilan de droits santé · question 1" in talker.screen[0].text


async def test_mediator_answers_for_someone_with_consent(flows: dict[str, Flow], db: Database) -> None:
    mediator = Talker(assistant_with_staff(flows), db, who=Identity(telegram_id=STAFF_ID))
    await make_staff(db, STAFF_ID, "mediator")
    for step in [
        "/start",
        "press:Français",
        "press:J'accepte",
        "/staff",
        "press:Questionnaire avec une personne",
        "press:EPICES",
    ]:
        await mediator.do(step)
    assert "accepte qu'elles soient enregistrées" in mediator.screen[0].text
    await mediator.do("press:Oui, elle accepte")
    for answer in HIGH:
        await mediator.do(f"press:{answer}")
    card = mediator.screen[0]
    assert (  # the orientation in words, never its id (before: « orientation « support » »)
        "🔒 Pour le professionnel : score 82,25, seuil 30, quintile 5 ; "
        "orientation « examen de santé, droits, service social »." in card.text
    )
    assert card.labels() == [  # the offers, carried out for the person (tests/faire_lien/staff/)
        ["🩺 Réserver l'examen de santé gratuit"],
        ["🩺 Faire le bilan de mes droits santé"],
        ["📞 Parler à un travailleur social"],
    ]
    assert all(b.action.startswith("oo:") for row in card.buttons for b in row)
    assert "📝 Questionnaire avec une personne" in str(mediator.screen[-1].labels())  # back to the staff menu
    people = await rows(db, Person)
    beneficiary = next(p for p in people if p.telegram_id is None)
    assert (beneficiary.consent, beneficiary.consent_at) == ("accepted", NOW)
    (response,) = await rows(db, Response)
    assert response.person_id == beneficiary.id
    answers = await rows(db, Answer)
    assert len(answers) == 11
    assert {(a.person_id, a.given_by) for a in answers} == {(beneficiary.id, people[0].id)}
    (result,) = await rows(db, GridResult)
    assert (result.person_id, result.answered_by, result.mediator_id) == (beneficiary.id, "mediator", people[0].id)


async def test_grid_stats_hide_small_groups_and_results_are_audited(
    flows: dict[str, Flow], db: Database, run_cli: RunCli
) -> None:
    assistant = assistant_with_staff(flows)
    for n in range(6):
        talker = Talker(assistant, db, who=Identity(telegram_id=100 + n))
        for step in ["/start", "press:Français", "press:J'accepte", "raw:go:renoncement"]:
            await talker.do(step)
        await talker.do("press:Non" if n < 5 else "press:Oui")
        if n == 5:
            for step in ["press:Dentiste", "press:Valider", "press:Le prix", "press:Valider"]:
                await talker.do(step)
    async with db.unit_of_work() as session:  # the results from October, a month over (the command's clock is real)
        await session.execute(update(GridResult).values(created_at=NOW - timedelta(days=40)))
        await rebuild(session)
    env = {"DATABASE_URL": db.url}
    stats = run_cli("grids", "stats", env=env).check().splitlines()
    assert stats[:-2] == [  # the id, for scripts, then the words staff read
        "2026-10 renoncement accompany (renoncement aux soins, accompagnement santé): < 5",
        "2026-10 renoncement no_renouncing (pas de renoncement aux soins): 5",
    ]
    assert stats[-2] == "people in whole groups of 5 (rounded down): one person more or fewer does not move them"
    assert stats[-1].endswith(", the month under way, is counted once it is over")
    # Item 4: whole months only, so two periods a day apart cannot single out one person's orientation.
    october = run_cli("grids", "stats", "--from", "2026-10", "--to", "2026-10", env=env).check().splitlines()
    assert october == stats
    a_day = run_cli("grids", "stats", "--since", "2026-11-02", env=env)
    assert a_day.code == 2 and "is a day: give a month" in a_day.stderr
    later = run_cli("grids", "stats", "--from", "2026-11", env=env).check().splitlines()
    assert later[0] == "no grid result in this period"
    listing = run_cli("grids", "results", "renoncement", "--staff", "marie", env=env).check().splitlines()
    assert len(listing) == 6  # as the console: French, Paris time, no person's number (before: "person 3")
    assert listing[-1].startswith("• ")  # the orientation in words (before: « orientation accompany »)
    assert (
        " · orientation : renoncement aux soins, accompagnement santé · réponses données par la personne · "
        in (listing[-1])
    )
    assert " · orientation : pas de renoncement aux soins · " in listing[0]
    assert "13 octobre 12:00 · " in listing[-1] and listing[-1].endswith(" · version de la grille : 1")
    assert "person " not in "\n".join(listing) and "answered" not in "\n".join(listing)
    audit = await rows(db, AuditEntry)
    assert {(a.actor, a.action) for a in audit} == {("marie", "read_grid_result")} and len(audit) == 6


async def test_grid_stats_do_not_move_when_someone_erases_their_data(db: Database, run_cli: RunCli) -> None:
    """`grids stats` before and after one /forget in a month already over: the same lines, in whole groups of 5."""
    october = NOW - timedelta(days=40)  # a month over (the command's clock is real)
    support = await grid_results(db, "support", 9, at=october)
    alone = await grid_results(db, "no_support", 2, at=october)
    env = {"DATABASE_URL": db.url}
    before = run_cli("grids", "stats", env=env).check().splitlines()
    assert before[:2] == [  # 9 people read 5; "no_support" is no orientation of EPICES (any more)
        "2026-10 epices no_support (retirée de la grille (no_support)): < 5",
        "2026-10 epices support (examen de santé, droits, service social): 5",
    ]
    for person in (support[0], alone[0], alone[1]):
        await forget(db, person)
        assert run_cli("grids", "stats", env=env).check().splitlines() == before
