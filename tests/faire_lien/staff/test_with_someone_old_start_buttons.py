"""A staff member's old « Commencer » (a grid for someone, or a questionnaire in their language, begun in place of the
one open) pressed over the questionnaire open now: it asks again naming that one, whose answers stay; pressed over the
questionnaire it names, it replaces it as before; drawn before it named one, it erases nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.signing import MAX_CALLBACK_BYTES, Signer
from dialogs.i18n import available_languages
from dialogs.loader import BUILTIN_DIRS, load_flows
from dialogs.results import BUILDERS
from faire_lien import routes
from faire_lien.assistant import Assistant
from faire_lien.staff.mediated import MEDIATED_CATEGORIES
from storage.db import Database
from storage.models import Conversation, Person
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.staff.test_mediated_offers import STALE, a_mediator
from tests.support.db import rows

PROMPT = (
    "Vous êtes en train de répondre à « {title} ». « Reprendre » garde vos réponses ; commencer « {new} » les efface."
)
MEDIATED = "Vous êtes en train de répondre à « {title} ». Commencer ce questionnaire-ci efface vos réponses en cours."
"""Above a mediator's « Reprendre · English » and « Commencer · English »."""
RIGHTS = "Bilan de droits santé"
CARE = "Accès aux soins"
EPICES = "Questionnaire EPICES"


async def in_progress(db: Database) -> tuple[str, dict[str, object], int | None]:
    """The questionnaire open, its answers, and whom it is answered for, as stored."""
    async with db.unit_of_work() as session:
        conversation = (await session.execute(select(Conversation))).scalar_one()
        return conversation.flow_id, dict(conversation.answers), conversation.on_behalf_of


async def for_someone(mediator: Talker, title: str) -> None:
    """From the staff menu, a grid for someone present, who agrees."""
    for step in ["/staff", "press:Questionnaire avec une personne", f"press:{title}", "press:elle accepte"]:
        await mediator.do(step)


async def in_english(mediator: Talker, title: str) -> None:
    """From the staff menu, a questionnaire with someone speaking English, who agrees."""
    for step in ["/staff", "press:dans sa langue", "press:English", f"press:{title}", "press:I agree"]:
        await mediator.do(step)


async def test_an_old_grid_start_over_another_questionnaire_asks_again(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.do("press:Bilan de mes droits")  # her own rights check, left open
    await for_someone(mediator, EPICES)
    (first,) = mediator.screen
    assert first.text == PROMPT.format(title=RIGHTS, new=EPICES)
    old_start = mediator.action("Commencer")  # drawn over the rights check
    await for_someone(mediator, CARE)
    await mediator.do("press:Commencer")  # the rights check set aside, this time
    await mediator.do("press:Oui")
    care = await in_progress(db)
    assert care[:2] == ("renoncement", {"renounced": True}) and care[2] is not None

    await mediator.do(f"raw:{old_start}")
    (asked,) = mediator.screen
    assert asked.text == PROMPT.format(title=CARE, new=EPICES)
    assert asked.labels() == [[f"Reprendre « {CARE} »"], [f"Commencer « {EPICES} »"]]
    assert await in_progress(db) == care  # nothing erased
    await mediator.do("press:Reprendre")
    assert mediator.screen[-1].text.startswith("Accès aux soins · question 2\nÀ quels soins")
    assert await in_progress(db) == care

    await mediator.send("action", asked.buttons[1][0].action)  # drawn over the grid in progress: it replaces it
    assert "Questionnaire EPICES · question 1" in mediator.screen[-1].text
    flow_id, answers, person = await in_progress(db)
    assert (flow_id, answers) == ("epices", {}) and person not in (None, care[2])


async def test_an_old_mediated_start_over_another_questionnaire_asks_again(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.do("press:Bilan de mes droits")
    await in_english(mediator, "EPICES")
    (first,) = mediator.screen
    assert first.text == MEDIATED.format(title=RIGHTS)
    old_start = mediator.action("Commencer")  # drawn over the rights check
    await in_english(mediator, CARE)
    await mediator.do("press:Commencer")
    await mediator.do("press:Yes")
    care = await in_progress(db)
    assert care[:2] == ("renoncement", {"renounced": True}) and care[2] is not None

    await mediator.do(f"raw:{old_start}")
    (asked,) = mediator.screen
    assert asked.text == MEDIATED.format(title=CARE)
    assert asked.labels() == [["Reprendre · English"], ["Commencer · English"]]
    assert await in_progress(db) == care  # nothing erased
    await mediator.do("press:Reprendre")
    assert "Accès aux soins · question 2" in mediator.screen[-1].text
    assert await in_progress(db) == care

    await mediator.send("action", asked.buttons[1][0].action)  # drawn over the questionnaire open: it replaces it
    assert "question 1 · Questionnaire EPICES · question 1" in mediator.screen[-1].text
    flow_id, answers, person = await in_progress(db)
    assert (flow_id, answers) == ("epices", {}) and person not in (None, care[2])
    newcomer = next(p for p in await rows(db, Person) if p.id == person)
    assert newcomer.language == "en"


@pytest.mark.parametrize("drawn_before", ["obo:epices:new", "mdn:en:epices"])
async def test_a_staff_start_button_drawn_before_this_change_erases_nothing(
    assistant: Assistant, db: Database, drawn_before: str
) -> None:
    """« Commencer » without the questionnaire it sets aside (a keyboard already in a chat): refused, then the
    question in progress, its answer kept."""
    mediator = await a_mediator(assistant, db)
    await for_someone(mediator, CARE)
    await mediator.do("press:Oui")
    care = await in_progress(db)
    await mediator.do(f"raw:{drawn_before}")
    assert mediator.screen[0].text.startswith(STALE)
    assert "Accès aux soins · question 2" in mediator.screen[-1].text
    assert await in_progress(db) == care


@pytest.mark.parametrize("start", ["obn:epices:abcd", "mdn:en:epices:abcd"])
async def test_a_staff_start_button_with_nothing_open_just_starts(
    assistant: Assistant, db: Database, start: str
) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.do(f"raw:{start}")
    assert "Questionnaire EPICES · question 1" in mediator.screen[-1].text
    assert (await in_progress(db))[:2] == ("epices", {})


def test_the_longest_staff_start_buttons_fit_telegram_once_signed() -> None:
    """The longest grid or mediated questionnaire, over the longest flow id, in the longest language code."""
    flows = load_flows(list(BUILTIN_DIRS), BUILDERS)
    grid = max((f.id for f in flows.values() if f.scoring is not None), key=len)
    mediated = max((f.id for f in flows.values() if f.category in MEDIATED_CATEGORIES), key=len)
    language = max(available_languages(), key=len)
    signer = Signer("secret")
    for data in (
        routes.ON_BEHALF_NEW.data(grid, "abcd"),
        routes.ON_BEHALF_NEW.data("g" * 40, "abcd"),  # a grid file's id may have 40 characters
        routes.MEDIATED_NEW.data(language, mediated, "abcd"),
        routes.MEDIATED_NEW.data(language, "g" * 40, "abcd"),
    ):
        assert len(signer.sign(999_999_999_999, data).encode()) <= MAX_CALLBACK_BYTES


async def test_an_old_grid_start_drawn_over_the_same_grid_for_someone_else_asks_again(
    assistant: Assistant, db: Database
) -> None:
    """« Commencer » drawn over « Accès aux soins » answered for a first person, pressed once the same grid is open for
    a second one: it names a questionnaire no longer open, so it asks again and the second one's answer stays."""
    mediator = await a_mediator(assistant, db)
    await for_someone(mediator, CARE)
    await mediator.do("press:Oui")
    await for_someone(mediator, EPICES)
    old_start = mediator.action("Commencer")  # drawn over the first person's grid
    await for_someone(mediator, CARE)
    await mediator.do("press:Commencer")  # the same grid, begun again for a second person
    await mediator.do("press:Oui")
    second = await in_progress(db)
    assert second[:2] == ("renoncement", {"renounced": True})

    await mediator.do(f"raw:{old_start}")
    (asked,) = mediator.screen
    assert asked.text == PROMPT.format(title=CARE, new=EPICES)
    assert await in_progress(db) == second  # nothing erased
