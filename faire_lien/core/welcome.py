"""The first screens for someone new: their language, then the consent question, then the menu or their link."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import SOURCE_LANGUAGE, best_language, translator
from dialogs.reply import Reply
from dialogs.review import is_draft
from dialogs.scripts import language_of_script
from dialogs.text import Msg, msg
from faire_lien import routes
from faire_lien.core import links, screens
from faire_lien.core.contacts import Contacts
from faire_lien.core.inbound import Inbound
from faire_lien.core.turn import Turn
from storage.people import Identity, add_person, record_consent

CHOOSE_LANGUAGE_FIRST = msg("Choisissez d'abord votre langue avec les boutons.", "notice")
NOTHING_STORED = msg(
    "Rien n'est enregistré sur vous : il n'y a rien à vous envoyer ni à effacer. "
    "Pour commencer, choisissez votre langue avec les boutons.",
    "privacy",
)
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


def first_language(inbound: Inbound, languages: list[str]) -> str:
    """The device's language when we offer it; else the one the first words are written in; else French."""
    hinted = best_language(inbound.language_hint, languages)
    if hinted != SOURCE_LANGUAGE or (inbound.language_hint or "").lower().startswith(SOURCE_LANGUAGE):
        return hinted
    written = language_of_script(inbound.value, languages) if inbound.kind == "text" else None
    return written or hinted


Follow = Callable[[Turn, str], Awaitable[list[Reply]]]
"""Where a /start link lands once the person has agreed: a session's page, the welcome to the team."""


async def newcomer(
    session: AsyncSession,
    who: Identity,
    inbound: Inbound,
    languages: list[str],
    now: datetime,
    follow: Follow,
    contacts: Contacts,
) -> list[Reply]:
    """Someone new: language, then consent, then where their link pointed; nothing is stored before consent.

    /mydata and /forget are answered: nothing is stored, so nothing to send or erase.
    """
    t = translator(first_language(inbound, languages))
    pressed = routes.find(inbound.value) if inbound.kind == "action" else None
    route = pressed.route if pressed else None
    if pressed is not None and route in (routes.LANGUAGE, routes.SET_LANGUAGE, routes.LANGUAGE_THEN):
        then = pressed.args[1] if route is routes.LANGUAGE_THEN else None
        return [screens.consent(translator(pressed.args[0]), then=then)]
    if pressed is not None and route in (routes.CONSENT, routes.CONSENT_THEN):
        choice, language = pressed.args[:2]
        then = pressed.args[2] if route is routes.CONSENT_THEN else None
        t = translator(language)
        if choice == "info":
            return [Reply(screens.privacy(t, contacts)), screens.consent(t, then=then)]
        person = add_person(session, who)
        record_consent(
            person,
            accepted=choice == "yes",
            language=t.language,
            version=screens.CONSENT_VERSION,
            at=now,
        )
        if choice == "yes":
            turn = Turn(session, person, t, now)
            accepted = t(screens.ACCEPTED) + "".join("\n\n" + t(n) for n in draft_notice(turn))
            if then is not None:
                return [Reply(accepted), *await follow(turn, then)]
            return [screens.main_menu(t, prefix=accepted)]
        # The information pages and the anonymous check are read in the draft translation too: said once, as above.
        turn = Turn(session, person, t, now)
        refused = t(screens.REFUSED) + "".join("\n\n" + t(n) for n in draft_notice(turn))
        if then is not None and links.is_session_link(then):  # a session's page is read without storage
            return [Reply(refused), *await follow(turn, then)]
        return [screens.info_menu(t, prefix=refused)]
    if inbound.kind == "command" and inbound.value == "privacy":
        languages_shown = screens.language_choice(t, languages, routes.LANGUAGE, greet=False)
        return [Reply(screens.privacy(t, contacts)), languages_shown]
    if inbound.kind == "command" and inbound.value in ("start", "language", "menu", "help"):
        then = links.kept(inbound.argument) if inbound.value == "start" else None
        return [screens.language_choice(t, languages, routes.LANGUAGE, greet=True, then=then)]
    reply = screens.language_choice(t, languages, routes.LANGUAGE, greet=True)
    first = (
        NOTHING_STORED if inbound.kind == "command" and inbound.value in ("mydata", "forget") else CHOOSE_LANGUAGE_FIRST
    )
    return [Reply(f"{t(first)}\n\n{reply.text}", reply.buttons)]
