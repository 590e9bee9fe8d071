"""What staff had typed in a form the console refused unread (signed out meanwhile, a form of an older sign-in):
shown again on the refusal page, to copy before signing in again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from starlette.datastructures import FormData
from starlette.requests import Request

from dialogs.i18n import cldr_locale, language_name
from web.console.i18n import N_, catalog

TYPED: dict[str, str] = {
    "text": N_("Votre message, non envoyé (pour le copier)"),
    "place": N_("Lieu"),
    "address": N_("Adresse"),
    "access_notes": N_("Informations d'accès"),
}
"""The fields where staff write for people to read (a message to a person, a session's place and access)."""
PER_LANGUAGE: dict[str, str] = {"title": N_("Titre (%(language)s)"), "description": N_("Description (%(language)s)")}
"""A session's title and description, one field per bot language (`title_ar`)."""


@dataclass(frozen=True)
class Unsent:
    """One text typed in the refused form: its field's label in the console's language, the text, its language."""

    label: str
    text: str
    language: str | None = None
    direction: str = "ltr"


def unsent(request: Request, form: FormData | None, languages: Iterable[str], language: str) -> list[Unsent]:
    """The texts typed in a form sent from the console's own page (never one another site posted), in form order."""
    if form is None or request.headers.get("sec-fetch-site") != "same-origin":
        return []
    gettext = catalog(language).gettext
    bot_languages = set(languages)
    found: list[Unsent] = []
    for name, value in form.multi_items():
        if not isinstance(value, str) or not value.strip():
            continue
        part, _, code = name.partition("_")
        if name in TYPED:
            found.append(Unsent(gettext(TYPED[name]), value))
        elif part in PER_LANGUAGE and code in bot_languages:
            order = cldr_locale(code).character_order
            label = gettext(PER_LANGUAGE[part]) % {"language": language_name(code)}
            found.append(Unsent(label, value, code, "rtl" if order == "right-to-left" else "ltr"))
    return found
