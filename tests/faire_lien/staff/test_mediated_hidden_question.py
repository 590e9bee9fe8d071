"""Mediated mode: text a mediator types while the staff menu is under the person's question is not its answer."""

from __future__ import annotations

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Conversation
from tests.bot.test_e2e_hidden_question import PAUSED
from tests.bot.test_e2e_reply_to_earlier import HOUSEHOLD
from tests.faire_lien.core.test_cancel import BORN
from tests.faire_lien.staff.test_mediated_offers import STAFF_MENU, a_mediator, answer
from tests.support.db import rows


async def test_a_year_typed_under_the_staff_menu_is_not_the_persons_answer(assistant: Assistant, db: Database) -> None:
    """At the year question of a rights check with someone (Arabic), /staff, then 1985: the paused notice in both
    languages and the year question; not stored. 1985 typed under that question is the answer."""
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "rights_check"))
    await answer(mediator, [0, 0])
    assert BORN in mediator.screen[-1].text
    await mediator.do("/staff")
    assert mediator.screen[-1].text == STAFF_MENU
    await mediator.do("type:1985")
    [shown] = mediator.screen
    assert PAUSED in shown.text and BORN in shown.text, shown.text
    assert shown.text.index(PAUSED) > 0  # the person's language first, the French under it
    [conversation] = await rows(db, Conversation)
    assert conversation.step_id == "born" and "born" not in conversation.answers
    await mediator.do("type:1985")
    assert HOUSEHOLD in mediator.screen[-1].text
