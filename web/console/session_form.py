"""The session form's fields: what staff typed, as `MeetingSpec` input, and its problems in plain words.

The rules are `MeetingInput`'s (the command line's `sessions add` and `sessions import` use it too: the length of
each text is checked on the server, whatever the form's `maxlength`); this module only names each problem the
way the console says it, next to the field it is about.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from starlette.datastructures import FormData

from faire_lien.sessions.spec import field_path, problem_code
from storage.models import Meeting
from storage.types import PARIS
from web.console.i18n import N_

TEXT_FIELDS = ("kind", "day", "start", "end", "place", "address", "access_notes", "capacity", "min_size", "series")
"""Fields of one value each; the titles and descriptions have one per language (`title_fr`, `description_ar`…)."""

REASONS: dict[str, str] = {
    "kind": N_("Choisissez un type de rencontre dans la liste."),
    "title": N_("Le titre en français est obligatoire."),
    "start": N_("Indiquez une date (jour, mois, année) et une heure de début comme 14:00."),
    "end": N_("Indiquez une heure de fin comme 16:00."),
    "place": N_("Le lieu doit compter de 2 à 200 caractères."),
    "address": N_("L'adresse doit compter de 5 à 300 caractères."),
    "access_notes": N_("Les informations d'accès ne doivent pas dépasser 500 caractères."),
    "capacity": N_("Le nombre de places doit être un nombre entier de 1 à 1000."),
    "min_size": N_("Le groupe minimum doit être un nombre entier d'au moins 1 (ou rester vide)."),
    "languages": N_("Choisissez les langues dans la liste."),
    "series": N_("Le nom de la série ne doit pas dépasser 64 caractères."),
    "description": N_("La description n'est pas valide."),
}
"""What to fix, per field of `MeetingSpec`, whatever pydantic found wrong with its value."""
OWN_RULES: dict[str, tuple[str, str]] = {
    "french_title": ("title", N_("Le titre en français est obligatoire.")),
    "end_before_start": ("end", N_("L'heure de fin doit être après l'heure de début.")),
    "min_above_capacity": ("min_size", N_("Le groupe minimum ne peut pas dépasser le nombre de places.")),
    "start_passed": ("start", N_("Cette date est passée : choisissez une date et une heure à venir.")),
    "start_too_far": ("start", N_("Cette date est dans plus de deux ans : vérifiez l'année.")),
}
CLOCK_CHANGE: dict[str, str] = {
    "time_skipped": N_(
        "Cette heure n'existe pas ce jour-là : à 2 h, on avance les horloges à 3 h (passage à l'heure d'été). "
        "Choisissez une heure avant 2 h ou à partir de 3 h."
    ),
    "time_twice": N_(
        "Cette heure a lieu deux fois ce jour-là : à 3 h, on recule les horloges à 2 h (passage à l'heure d'hiver). "
        "Choisissez une heure avant 2 h ou à partir de 3 h."
    ),
}
"""What to do about a start or an end (the field the problem names) that the clock change skips or repeats."""
TOO_LONG: dict[str, str] = {
    "title": N_("Le titre ne doit pas dépasser 200 caractères."),
}
"""What to fix when a text is longer than its limit, for the fields whose other problems `REASONS` words otherwise."""
UNKNOWN_FIELD = N_("Colonne ou champ inconnu : {field}.")
NOT_VALID = N_("Cette valeur n'est pas valide.")
SEATS_TAKEN = N_(
    "{taken} places sont déjà prises (personnes inscrites ou à qui une place est proposée) : "
    "le nombre de places ne peut pas descendre en dessous."
)
CHANGED_MEANWHILE = N_(
    "Quelqu'un d'autre a changé ce champ pendant que vous modifiiez la rencontre ; il vaut maintenant « {now} ». "
    "Vérifiez ce que vous avez saisi, puis enregistrez à nouveau pour le garder."
)
EDITED = ("place", "address", "access_notes", "capacity", "min_size")
"""The fields an edit changes besides the titles, descriptions and languages."""
ERROR_OF = {"title_fr": "title", "description_fr": "description"}
"""The problem of these fields is shown under another name (the one pydantic's problems use)."""
ANCHORS = {"title": "title_fr", "start": "day", "form": "kind", "description": "description_fr"}
"""The field a problem is shown next to, when it is not the field of its name (the day holds the start's problem)."""
NEW_PAGE = (*TEXT_FIELDS, "languages")
EDIT_PAGE = (*EDITED, "languages")
MOVE_PAGE = ("day", "start", "end")
"""The fields of one value each that the new, edit and move pages show (new and edit: titles and descriptions too)."""
WHOLE_FORM = "form"
"""What a problem links to when the page has no field for it (`id="f-form"`: the form itself)."""
MINIMUM_TOO_LATE = N_(
    "Des personnes sont déjà inscrites à cette rencontre sans groupe minimum : on ne peut plus en ajouter un."
)


@dataclass
class SessionForm:
    """The values of the session form as typed (strings), kept to show the form again or carry them."""

    values: dict[str, str] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)
    """The languages spoken at the session (checked boxes)."""

    @classmethod
    def read(cls, form: FormData | None, bot_languages: Iterable[str], spoken_too: Iterable[str] = ()) -> SessionForm:
        """The fields of a submitted form: one value per field, a title and description per bot language.

        The languages spoken are kept when they are bot languages or in `spoken_too` (those of an imported session).
        """
        bot_languages = list(bot_languages)
        names = [*TEXT_FIELDS, *(f"{part}_{code}" for code in bot_languages for part in ("title", "description"))]
        values: dict[str, str] = {}
        spoken: list[str] = []
        if form is not None:
            for name in names:
                value = form.get(name)
                values[name] = value.strip() if isinstance(value, str) else ""
            spoken = [v for v in form.getlist("languages") if isinstance(v, str)]
        allowed = {*bot_languages, *spoken_too}
        return cls(values, [code for code in dict.fromkeys(spoken) if code in allowed])

    @classmethod
    def of(cls, meeting: Meeting) -> SessionForm:
        """A session's current values (Paris time), to edit it."""
        start, end = meeting.starts_at.astimezone(PARIS), meeting.ends_at.astimezone(PARIS)
        values = {
            "kind": meeting.kind,
            "day": start.date().isoformat(),
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
            "place": meeting.place,
            "address": meeting.address,
            "access_notes": meeting.access_notes,
            "capacity": str(meeting.capacity),
            "min_size": "" if meeting.min_size is None else str(meeting.min_size),
            "series": meeting.series or "",
            **{f"title_{code}": text for code, text in meeting.title.items()},
            **{f"description_{code}": text for code, text in meeting.description.items()},
        }
        return cls(values, list(meeting.languages))

    def get(self, name: str) -> str:
        """One field's value ("" when empty)."""
        return self.values.get(name, "")

    def per_language(self, part: str) -> dict[str, str]:
        """The titles (`part="title"`) or descriptions given, by language."""
        prefix = f"{part}_"
        return {name[len(prefix) :]: value for name, value in self.values.items() if name.startswith(prefix) and value}

    def texts(self) -> dict[str, object]:
        """What an edit may change, as `MeetingSpec` input (edit_session)."""
        return {
            "title": self.per_language("title"),
            "description": self.per_language("description"),
            "languages": self.languages,
            "access_notes": self.get("access_notes"),
            "place": self.get("place"),
            "address": self.get("address"),
            "capacity": self.get("capacity"),
            "min_size": self.get("min_size") or None,
        }

    def spec_input(self) -> dict[str, object]:
        """A whole new session as `MeetingSpec` input: the day and times are Paris local time."""
        day, start = self.get("day"), self.get("start")
        return {
            **self.texts(),
            "kind": self.get("kind"),
            "start": f"{day} {start}" if day and start else "",
            "end": self.get("end"),
            "series": self.get("series") or None,
        }

    def edited(self) -> dict[str, str | list[str]]:
        """What an edit may change, as typed: texts per language, place, seats, languages spoken."""
        per_language = {k: v for k, v in self.values.items() if k.startswith(("title_", "description_")) and v}
        return {**per_language, **{name: self.get(name) for name in EDITED}, "languages": sorted(self.languages)}

    def seen(self) -> str:
        """These values, for the edit form to carry: saving compares them with the session as it is then."""
        return json.dumps(self.edited(), ensure_ascii=False, sort_keys=True)

    def changed_since(self, seen: str) -> dict[str, str | list[str]]:
        """The fields whose value is no longer the one the form was opened with, and their value now (by field)."""
        try:
            before = json.loads(seen)
        except ValueError:
            before = None
        if not isinstance(before, dict):
            return {}
        now = self.edited()
        return {
            ERROR_OF.get(name, name): now.get(name, "")
            for name in dict.fromkeys([*now, *before])
            if before.get(name, "") != now.get(name, "")
        }

    def hidden(self) -> list[tuple[str, str]]:
        """Every value as (name, value) pairs, to carry them through a preview in hidden fields."""
        pairs = [(name, value) for name, value in self.values.items() if value]
        return pairs + [("languages", code) for code in self.languages]


def links(errors: Mapping[str, str], fields: Iterable[str], languages: Iterable[str] = ()) -> dict[str, str]:
    """Where each problem of the summary leads: its field when the page shows it (`fields`, with a title and a
    description per language of `languages`), else the form itself (the edit page has no kind, no date)."""
    shown = {*fields, *(f"{part}_{code}" for code in languages for part in ("title", "description"))}
    return {name: target if (target := ANCHORS.get(name, name)) in shown else WHOLE_FORM for name in errors}


def form_errors(error: ValidationError) -> dict[str, str]:
    """The problems of a `MeetingSpec` validation, one console msgid per form field (the first problem of each)."""
    found: dict[str, str] = {}
    for problem in error.errors():
        name, reason = explain(problem)
        found.setdefault(name, reason)
    return found


def explain(problem: ErrorDetails) -> tuple[str, str]:
    """The form field a validation problem is about and what to do, as a console msgid (may hold `{field}`)."""
    code = problem_code(problem)
    if code in OWN_RULES:
        return OWN_RULES[code]
    path = field_path(problem)
    if code in CLOCK_CHANGE:
        return path, CLOCK_CHANGE[code]
    top, _, language = path.partition(".")
    if code == "extra_forbidden":
        return top, UNKNOWN_FIELD
    if top == "title" and language and language != "fr":
        return f"title_{language}", reason(code, top) or NOT_VALID  # next to that language's title
    return top or "form", reason(code, top) or NOT_VALID


def reason(code: str, top: str) -> str | None:
    """What to do about a problem of this kind on this field, as a console msgid (None: no words for it)."""
    if code == "string_too_long" and top in TOO_LONG:
        return TOO_LONG[top]
    return REASONS.get(top)
