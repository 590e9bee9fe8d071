"""The first screens for someone new: their language, then the consent question, then the menu."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import best_language, translator
from dialogs.reply import Reply
from dialogs.review import is_draft
from dialogs.text import Msg, msg
from faire_lien import routes
from faire_lien.core import screens
from faire_lien.core.inbound import Inbound
from faire_lien.core.turn import Turn
from storage.people import Identity, add_person, record_consent

CHOOSE_LANGUAGE_FIRST = msg("Choisissez d'abord votre langue avec les boutons.", "notice")
DRAFT = msg(
    "Cette traduction n'a pas encore été vérifiée par un traducteur professionnel : elle peut contenir des "
    "erreurs. Un médiateur ou une médiatrice peut vous aider.",
    "notice",
)


def draft_notice(turn: Turn) -> list[Msg]:
    """Once per person and language, in that language: the translation is a draft."""
    language = turn.t.language
    if not is_draft(language) or language in (turn.person.draft_notified or []):
        return []
    turn.person.draft_notified = [*(turn.person.draft_notified or []), language]
    return [DRAFT]


async def newcomer(
    session: AsyncSession, who: Identity, inbound: Inbound, languages: list[str], now: datetime
) -> list[Reply]:
    """Someone new: language, then consent; nothing is stored before the consent answer."""
    t = translator(best_language(inbound.language_hint, languages))
    pressed = routes.find(inbound.value) if inbound.kind == "action" else None
    route = pressed.route if pressed else None
    if pressed is not None and route in (routes.LANGUAGE, routes.SET_LANGUAGE):
        return [screens.consent(translator(pressed.args[0]))]
    if pressed is not None and route is routes.CONSENT:
        choice, language = pressed.args
        t = translator(language)
        if choice == "info":
            return [Reply(t(screens.PRIVACY)), screens.consent(t)]
        person = add_person(session, who)
        record_consent(
            person,
            accepted=choice == "yes",
            language=t.language,
            version=screens.CONSENT_VERSION,
            at=now,
        )
        if choice == "yes":
            warning = "".join("\n\n" + t(n) for n in draft_notice(Turn(session, person, t, now)))
            return [screens.main_menu(t, prefix=t(screens.ACCEPTED) + warning)]
        return [screens.info_menu(t, prefix=t(screens.REFUSED))]
    if inbound.kind == "command" and inbound.value == "privacy":
        return [Reply(t(screens.PRIVACY)), screens.language_choice(t, languages, routes.LANGUAGE, greet=False)]
    if inbound.kind == "command" and inbound.value in ("start", "language", "menu", "help"):
        return [screens.language_choice(t, languages, routes.LANGUAGE, greet=True)]
    reply = screens.language_choice(t, languages, routes.LANGUAGE, greet=True)
    return [Reply(f"{t(CHOOSE_LANGUAGE_FIRST)}\n\n{reply.text}", reply.buttons)]
