"""Mediated mode: a mediator runs a questionnaire with someone, in that person's language with the mediator's under it.

The card's offers are then carried out for that person (`faire_lien/staff/on_behalf.py`).
"""

from __future__ import annotations

from dataclasses import replace

from dialogs.bilingual import Bilingual, fit
from dialogs.i18n import language_name
from dialogs.reply import Button, Reply
from dialogs.review import is_draft
from dialogs.schema import Flow
from dialogs.text import msg
from faire_lien import routes
from faire_lien.core.runner import FlowRunner
from faire_lien.core.screens import AGREE, CONSENT, REFUSE
from faire_lien.core.turn import Turn
from faire_lien.core.welcome import DRAFT
from faire_lien.staff.screens import proxy_person
from faire_lien.staff.team import back

PICK_LANGUAGE = msg("Dans quelle langue parle la personne ?", "mediated")
PICK_FLOW = msg("Quel questionnaire faire ensemble ?", "mediated")
MEDIATED_CATEGORIES = ("rights", "screening")


def languages(turn: Turn, available: list[str]) -> list[Reply]:
    """The person's language first: every shipped language but the mediator's own, by its own name; or back to the
    staff area."""
    rows = tuple(
        (routes.MEDIATED_LANGUAGE.button(language_name(code), code),) for code in available if code != turn.t.language
    )
    return [Reply(turn.t(PICK_LANGUAGE), (*rows, *back(turn)))]


def flows_for(turn: Turn, language: str, flows: dict[str, Flow]) -> list[Reply]:
    """The rights check and the grids, titled in both languages."""
    both = Bilingual.over(turn.t, language)
    rows = tuple(
        (routes.MEDIATED_FLOW.button(both(f.title, f.context), language, f.id),)
        for f in flows.values()
        if f.category in MEDIATED_CATEGORIES
    )
    fitted = fit(Reply(turn.t(PICK_FLOW), rows), both)
    return [replace(fitted, buttons=(*fitted.buttons, *back(turn)))]  # the way back in the mediator's language only


def consent(turn: Turn, language: str, flow: Flow) -> list[Reply]:
    """The person's own consent question in their language with the mediator's under it, after the draft notice."""
    both = Bilingual.over(turn.t, language)
    reply = asked(both, routes.MEDIATED_START.button(both(AGREE), language, flow.id))
    if not is_draft(language):
        return [reply]
    return [Reply(f"{both(DRAFT)}\n\n{reply.text}", reply.buttons)]


def asked(both: Bilingual, agree: Button) -> Reply:
    """The consent question a person reads on their own, in both languages: « J'accepte », « Je refuse »."""
    rows = ((agree,), (routes.STAFF_HOME.button(both(REFUSE)),))
    return fit(Reply(both(CONSENT), rows), both)


async def start(runner: FlowRunner, turn: Turn, language: str, flow: Flow) -> list[Reply]:
    """A new person with their consent recorded, then the flow in both languages."""
    person = proxy_person(turn, language)
    await turn.session.flush()
    current = await runner.active(turn)
    return await runner.begin(turn, flow, current, [], on_behalf_of=person.id, mediated=language)
