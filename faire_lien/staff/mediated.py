"""Mediated mode: a mediator runs a questionnaire with someone, in that person's language with the mediator's under it.

The card's offers are then carried out for that person (`faire_lien/staff/on_behalf.py`).
"""

from __future__ import annotations

from dataclasses import replace

from dialogs.bilingual import Bilingual, fit, paired
from dialogs.i18n import Translator, language_name, translator
from dialogs.reply import Button, Reply
from dialogs.review import is_draft
from dialogs.schema import Flow
from dialogs.text import Msg, msg
from faire_lien import routes
from faire_lien.core.runner import FlowRunner, for_someone_else
from faire_lien.core.screens import AGREE, CONSENT, REFUSE, UNFINISHED
from faire_lien.core.turn import Turn
from faire_lien.core.welcome import DRAFT
from faire_lien.staff.screens import proxy_person
from faire_lien.staff.team import back
from storage.models import Conversation

PICK_LANGUAGE = msg("Dans quelle langue parle la personne ?", "mediated")
PICK_FLOW = msg("Quel questionnaire faire ensemble ?", "mediated")
MEDIATED_CATEGORIES = ("rights", "screening")
# TRANSLATORS: button, followed by a language's own name (« Reprendre · العربية »): at most 17 characters.
RESUME_IN = msg("Reprendre", "mediated")
# TRANSLATORS: button, followed by a language's own name (« Continuer · English »): at most 17 characters.
GO_ON_IN = msg("Continuer", "mediated")
# TRANSLATORS: button, followed by a language's own name (« Commencer · English »): at most 17 characters.
START_IN = msg("Commencer", "mediated")
GO_ON_NOTE = msg(
    "Vous pouvez aussi continuer ce questionnaire dans la nouvelle langue : les réponses déjà données sont gardées.",
    "mediated",
)
SWITCH_REFUSED = msg(
    "La personne n'a pas donné son accord en {language} : aucune autre question ne lui est posée. Les réponses déjà "
    "données restent telles quelles, dans « {title} » laissé ouvert en {before} : vous pouvez le reprendre dans "
    "cette langue ou l'abandonner.",
    "mediated",
)
"""Said to the mediator (in their language) when the person declines to go on in the new language."""


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


def switch_consent(turn: Turn, language: str, flow: Flow) -> list[Reply]:
    """Going on in another language: the person's consent asked again, in that language with the mediator's under it
    (after the draft notice), as before the questionnaire began; « Je refuse » asks nothing more."""
    both = Bilingual.over(turn.t, language)
    agree = routes.MEDIATED_SWITCH_YES.button(both(AGREE), language, flow.id)
    reply = asked(both, agree, routes.MEDIATED_SWITCH_NO.button(both(REFUSE), language, flow.id))
    if not is_draft(language):
        return [reply]
    return [Reply(f"{both(DRAFT)}\n\n{reply.text}", reply.buttons)]


def switch_refused(turn: Turn, flows: dict[str, Flow], current: Conversation, language: str) -> Msg:
    """What happens when the person declines to go on in `language`: nothing more asked, their answers kept as they
    are in the questionnaire left open in the language it was in."""
    flow = flows.get(current.flow_id)
    return SWITCH_REFUSED.bind(
        language=language_name(language),
        title=Msg(flow.title, flow.context) if flow is not None else current.flow_id,
        before=language_name(current.mediated_language or turn.t.language),
    )


def asked(both: Bilingual, agree: Button, refuse: Button | None = None) -> Reply:
    """The consent question a person reads on their own, in both languages: « J'accepte », « Je refuse » (back to the
    staff menu unless told)."""
    rows = ((agree,), (refuse or routes.STAFF_HOME.button(both(REFUSE)),))
    return fit(Reply(both(CONSENT), rows), both)


async def start(runner: FlowRunner, turn: Turn, language: str, flow: Flow) -> list[Reply]:
    """A new person with their consent recorded, then the flow in both languages."""
    person = proxy_person(turn, language)
    await turn.session.flush()
    current = await runner.active(turn)
    return await runner.begin(turn, flow, current, [], on_behalf_of=person.id, mediated=language)


def unfinished(turn: Turn, flows: dict[str, Flow], current: Conversation, language: str, flow: Flow) -> Reply:
    """Another questionnaire is open: resume it in its language, or begin this one in the person's (« Commencer ·
    English », its answers erased: the button names it, so that pressed later over another one it asks again); the
    same one open with someone in another language can go on in this one, its answers kept (« Continuer · English »)."""
    t, spoken = turn.t, current.mediated_language or turn.t.language
    open_flow = flows.get(current.flow_id)
    text = t(UNFINISHED.bind(title=t(open_flow.title, open_flow.context) if open_flow else current.flow_id))
    rows = [(routes.RESUME.button(in_language(t, RESUME_IN, spoken)),)]
    switched = current.mediated_language not in (None, language)
    if for_someone_else(turn, current) and switched and current.flow_id == flow.id:
        text = f"{text}\n\n{t(GO_ON_NOTE)}"
        rows.append((routes.MEDIATED_SWITCH.button(in_language(t, GO_ON_IN, language), language, flow.id),))
    start = in_language(t, START_IN, language)
    rows.append((routes.MEDIATED_NEW.button(start, language, flow.id, routes.set_aside(current)),))
    return Reply(text, tuple(rows))


def in_language(t: Translator, action: Msg, language: str) -> str:
    """ "Reprendre · العربية": what a button does and the language it does it in, by that language's own name; each half
    isolated when one reads right to left, as on the other bilingual buttons."""
    return paired(t(action), t.rtl, language_name(language), translator(language).rtl)
