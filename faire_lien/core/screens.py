"""The fixed screens: welcome, consent, menus, help and privacy, in the person's language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dialogs.bidi import shortened
from dialogs.i18n import Translator, language_name
from dialogs.reply import Button, Reply
from dialogs.schema import Flow
from dialogs.text import Msg, msg, plural
from faire_lien import routes
from faire_lien.core.contacts import Contacts
from faire_lien.routes import Route

CONSENT_VERSION = "2026-11-v1"
"""Version of the consent text; stored with each decision. Change it when the text changes."""

WELCOME = msg(
    "Bonjour ! Je suis faire-lien, l'assistant qui vous aide à connaître vos droits santé, "
    "à trouver les aides utiles et à vous inscrire aux rencontres près de chez vous.",
    "screen",
)
CHOOSE_LANGUAGE = msg("Choisissez votre langue :", "screen")
CONSENT = msg(
    "Pour vous aider, j'ai besoin d'enregistrer vos réponses (par exemple la taille de votre foyer "
    "ou votre situation). Elles servent seulement à vous orienter, vous et l'équipe qui vous accompagne.\n\n"
    "Acceptez-vous que vos réponses soient enregistrées ?",
    "screen",
)
AGREE = msg("✅ J'accepte", "button")
REFUSE = msg("Je refuse", "button")
"""The answers to the consent question: the person's own words (a mediator presses them for someone present)."""
PRIVACY = msg(
    "Vos données et vos droits\n\n"
    "Ce qui est enregistré : votre identifiant Telegram, la langue choisie, votre accord (avec sa date), "
    "les réponses que vous donnez aux questionnaires et vos inscriptions. Jamais votre nom.\n"
    "Pourquoi : vous orienter vers les droits et les aides qui vous concernent, et permettre à l'équipe "
    "qui vous accompagne de vous aider.",
    "screen",
)
PRIVACY_REST = msg(
    "Qui les voit : vous, et les professionnels du service qui vous accompagnent ; chaque consultation "
    "par un professionnel est enregistrée.\n"
    "Si vous refusez : seuls votre refus et la langue choisie sont gardés ; vous pouvez lire les informations.\n"
    "Vos droits : /mydata vous envoie tout ce qui est enregistré sur vous ; /forget efface vos données. "
    "L'équipe qui vous accompagne peut aussi vous aider.",
    "screen",
)
HELP = msg(
    "Aide\n\n"
    "• Répondez avec les boutons sous chaque question, ou en écrivant quand on vous demande "
    "un nombre, une date ou un texte.\n"
    "• « ◀ Retour » revient à la question précédente ; « ↺ Recommencer » reprend le questionnaire au début.\n"
    "• Vos réponses sont gardées à chaque étape : vous pouvez arrêter et reprendre plus tard.\n\n"
    "Commandes :\n"
    "/start – accueil\n"
    "/menu – menu principal\n"
    "/cancel – mettre de côté le questionnaire en cours (vos réponses sont gardées)\n"
    "/language – changer de langue\n"
    "/privacy – vos données\n"
    "/mydata – recevoir ce qui est enregistré sur vous\n"
    "/forget – effacer vos données\n"
    "/help – cette aide",
    "screen",
)
CONTROLLER = msg("Responsable du traitement : {controller}. Pour toute question sur vos données : {contact}.", "screen")
ACCEPTED = msg("Merci ! Vos réponses seront enregistrées. Voici ce que je peux faire pour vous.", "screen")
REFUSED = msg(
    "C'est noté : aucune de vos réponses ne sera enregistrée. Vous pouvez tout de même lire les informations. "
    "Si vous changez d'avis, choisissez « Donner mon accord ».",
    "screen",
)
NEEDS_CONSENT = msg(
    "Pour cela, j'ai besoin d'enregistrer vos réponses, et vous avez choisi de ne pas le permettre. "
    "Vous pouvez donner votre accord à tout moment.",
    "screen",
)
# TRANSLATORS: button; {title} is a questionnaire's title.
RESUME_BUTTON = msg("Reprendre « {title} »", "button")
# TRANSLATORS: button; {title} is a questionnaire's title.
START_BUTTON = msg("Commencer « {title} »", "button")
UNFINISHED = msg(
    "Vous êtes en train de répondre à « {title} ». Commencer ce questionnaire-ci efface vos réponses en cours.",
    "notice",
)
"""Above a mediator's « Reprendre · English » and « Commencer · English » (the answers in progress erased)."""
# TRANSLATORS: « Reprendre » is the first word of the button « Reprendre « … » »: the same word as that button.
UNFINISHED_OVER = msg(
    "Vous êtes en train de répondre à « {title} ». « Reprendre » garde vos réponses ; commencer « {new} » les efface.",
    "notice",
)
"""Above « Reprendre « … » » and « Commencer « … » »: which questionnaire's answers are kept or erased, each named in
full (a survey with its session and day: « Votre avis sur la rencontre · Bilan de santé · 3 déc. »)."""
STALE_BUTTON = msg("Ce bouton n'est plus valide. Voici où vous en êtes.", "notice")
LANGUAGE_SET = msg("Langue choisie : {language}.", "notice")
"""Said in the language just chosen: the person's own, or the one a mediator switched their questionnaire to."""
UNKNOWN_COMMAND = msg("Je ne connais pas cette commande. Tapez /help pour voir les commandes.", "notice")
# TRANSLATORS: button: about as short as the French (a phone shows about 30 characters on a button).
MENU_BUTTON = msg("☰ Menu", "meeting")
# TRANSLATORS: button, shares its row with « Aide »: keep it very short.
LANGUAGE = msg("🌐 Langue", "menu")
# TRANSLATORS: button, shares its row with « Langue »: keep it very short.
HELP_BUTTON = msg("❓ Aide", "menu")
# TRANSLATORS: button: asks to be called back or written to by someone of the team; at most 40 characters.
TALK = msg("📞 Parler à un travailleur social", "menu")
"""The main menu's call-back request (`routes.MENU` "person"), also under a cancelled session's notice."""
MENU_PROMPT = msg("Que voulez-vous faire ?", "screen")
INFO_MENU_PROMPT = msg("Vous pouvez lire ces informations :", "screen")

COMMANDS: tuple[tuple[str, Msg], ...] = (
    ("start", msg("Accueil", "command")),
    ("menu", msg("Menu principal", "command")),
    ("cancel", msg("Mettre de côté le questionnaire en cours", "command")),
    ("language", msg("Changer de langue", "command")),
    ("privacy", msg("Vos données et vos droits", "command")),
    ("mydata", msg("Recevoir mes données", "command")),
    ("forget", msg("Effacer mes données", "command")),
    ("help", msg("Aide", "command")),
)
STAFF_COMMANDS: tuple[tuple[str, Msg, str], ...] = (
    ("staff", msg("Menu de l'équipe", "command"), "menu"),
    ("invite", msg("Inviter quelqu'un dans l'équipe", "command"), "invite"),
    ("console", msg("Lien vers la console web", "command"), "menu"),
)
"""Added to the command menu of staff only, each with the permission it needs (faire_lien/core/roles.py)."""


def retention(months: int) -> Msg:
    """How long answers are kept, as the service configured it (RETENTION_MONTHS: the purge's own setting)."""
    return plural(
        "Combien de temps : vos réponses sont rendues anonymes au bout de {n} mois.",
        "Combien de temps : vos réponses sont rendues anonymes au bout de {n} mois.",
        months,
        "screen",
    )


def privacy(t: Translator, contacts: Contacts) -> str:
    """The privacy text: how long answers are kept, and the data controller and how to reach them when configured."""
    text = "\n".join((t(PRIVACY), t(retention(contacts.retention_months)), t(PRIVACY_REST)))
    if contacts.data_controller:
        contact = contacts.data_contact or contacts.local_phone or "—"
        text += "\n\n" + t(CONTROLLER.bind(controller=contacts.data_controller, contact=contact))
    return text


def language_choice(
    t: Translator, languages: list[str], route: Route, *, greet: bool, then: str | None = None
) -> Reply:
    """Buttons with each language's own name; the current one first; `then`: the link to follow afterwards."""
    ordered = sorted(languages, key=lambda code: code != t.language)
    if then is not None:
        rows = tuple((routes.LANGUAGE_THEN.button(language_name(code), code, then),) for code in ordered)
    else:
        rows = tuple((route.button(language_name(code), code),) for code in ordered)
    text = t(CHOOSE_LANGUAGE) if not greet else f"{t(WELCOME)}\n\n{t(CHOOSE_LANGUAGE)}"
    return Reply(text, rows)


def consent(t: Translator, *, prefix: str = "", then: str | None = None) -> Reply:
    """The consent question with Accept, Refuse and More information; `then`: the link to follow afterwards."""
    carried: tuple[str, ...] = (t.language,) if then is None else (t.language, then)
    route = routes.CONSENT if then is None else routes.CONSENT_THEN
    return Reply(
        (prefix + "\n\n" if prefix else "") + t(CONSENT),
        (
            (route.button(t(AGREE), "yes", *carried),),
            (route.button(t(REFUSE), "no", *carried),),
            (route.button(t(msg("En savoir plus", "button")), "info", *carried),),
        ),
    )


def main_menu(t: Translator, *, prefix: str = "", person: bool = True) -> Reply:
    """The main menu of someone who gave consent; without « 📞 Parler à un travailleur social » (`person` False) under a
    result card that offers it already."""
    items = (
        ("rights", msg("🩺 Bilan de mes droits santé", "menu")),
        ("screening", msg("📝 Questionnaire de repérage", "menu")),
        ("sessions", msg("📅 Rencontres et bilans de santé", "menu")),
        ("registrations", msg("🗓 Mes inscriptions", "menu")),
        ("requests", msg("📨 Mes demandes", "menu")),
        ("person", TALK),
    )
    shown = [(key, label) for key, label in items if person or key != "person"]
    rows: list[tuple[Button, ...]] = [(routes.MENU.button(t(label), key),) for key, label in shown]
    rows.append((routes.MENU.button(t(LANGUAGE), "language"), routes.MENU.button(t(HELP_BUTTON), "help")))
    return Reply(_join(prefix, t(MENU_PROMPT)), tuple(rows))


def with_resume(menu: Reply, t: Translator, title: str) -> Reply:
    """The main menu with « Reprendre « … » » above its buttons: the questionnaire in progress one press away."""
    if any(button.action == routes.RESUME.data() for row in menu.buttons for button in row):
        return menu
    return replace(menu, buttons=((routes.RESUME.button(resume_label(t, title)),), *menu.buttons))


def is_main_menu(reply: Reply) -> bool:
    """Whether this message is the main menu (its « 🩺 Bilan de mes droits santé » button), whatever is said above."""
    rights = routes.MENU.data("rights")
    return any(button.action == rights for row in reply.buttons for button in row)


def info_menu(t: Translator, *, prefix: str = "") -> Reply:
    """What someone who refused consent can still do."""
    rows = (
        (routes.MENU.button(t(msg("ℹ️ Informations sur la couverture santé", "menu")), "information"),),
        (routes.MENU.button(t(msg("🩺 Bilan de droits anonyme", "menu")), "anonymous"),),
        (routes.MENU.button(t(msg("📅 Rencontres et bilans de santé", "menu")), "sessions"),),
        (routes.MENU.button(t(HELP_BUTTON), "help"), routes.MENU.button(t(msg("🔒 Vos données", "menu")), "privacy")),
        (routes.MENU.button(t(LANGUAGE), "language"),),
        (routes.MENU.button(t(msg("✅ Donner mon accord", "menu")), "consent"),),
    )
    return Reply(_join(prefix, t(INFO_MENU_PROMPT)), rows)


def home(t: Translator, consented: bool, *, prefix: str = "") -> Reply:
    """The main menu, or the information menu of someone who has not agreed to storage."""
    return main_menu(t, prefix=prefix) if consented else info_menu(t, prefix=prefix)


def _join(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


BUTTON_WIDTH = 40
"""About as many characters as a phone shows comfortably on a button."""

About = tuple[str, str]
"""The session a survey is about: its title and its short date ("Réunion C2S", "14 nov.")."""


def unfinished(
    t: Translator,
    active: Flow | None,
    current: routes.Questionnaire,
    new: Flow,
    start: Callable[[str], Button] | None = None,
    *,
    active_about: About | None = None,
    new_about: About | None = None,
) -> Reply:
    """Another questionnaire is in progress: resume it, or start the new one in its place (`start`: that button from
    its label; by default « Commencer » names the questionnaire it sets aside, so that pressed later over another
    one it asks again).

    Each button names its questionnaire (« Votre avis sur la rencontre », « Trois mois après »), then the session a
    survey is about when it fits a phone button; two surveys of the same kind are told apart by their sessions.
    """
    title = t(active.title, active.context) if active else current.flow_id
    new_title = t(new.title, new.context)
    by_session = active is not None and active.id == new.id
    label = _button(t, START_BUTTON, new_title, new_about, by_session=by_session)
    rows = (
        (routes.RESUME.button(_button(t, RESUME_BUTTON, title, active_about, by_session=by_session)),),
        (start(label) if start is not None else routes.NEW.button(label, new.id, routes.set_aside(current)),),
    )
    named = UNFINISHED_OVER.bind(title=_in_full(title, active_about), new=_in_full(new_title, new_about))
    return Reply(t(named), rows)


def _in_full(title: str, about: About | None) -> str:
    """ "Votre avis sur la rencontre · Réunion C2S · 14 nov.": a questionnaire, and the session a survey is about."""
    return title if about is None else " · ".join((title, *about))


def resume_label(t: Translator, title: str) -> str:
    """ "Reprendre « Bilan de droits santé »", a questionnaire's title cut to fit a phone button."""
    return _button(t, RESUME_BUTTON, title, None)


def _button(t: Translator, template: Msg, title: str, about: About | None, *, by_session: bool = False) -> str:
    """ "Reprendre « Bilan de droits santé »", cut to fit a phone button (« Reprendre « Bien vieillir : repérage
    d… » »); for a survey about a session "Commencer « Trois mois après · Réunion C2S · 14 nov. »", or without the
    session's title, or its day too, when they do not fit. `by_session`: two surveys of one kind, named by their
    sessions (« Reprendre « Réunion C2S · 14 nov. » »), their titles alike."""
    if about is None:
        return _fitted(t, template, title)
    name, day = about
    if by_session:
        room = BUTTON_WIDTH - len(t(template.bind(title=f" · {day}")))
        return t(template.bind(title=f"{shortened(name, max(room, 2))} · {day}"))
    for named in (f"{title} · {name} · {day}", f"{title} · {day}"):
        label = t(template.bind(title=named))
        if len(label) <= BUTTON_WIDTH:
            return label
    return _fitted(t, template, title)


def _fitted(t: Translator, template: Msg, title: str) -> str:
    """ "Reprendre « Bilan de droits santé »", the title cut to fit a phone button."""
    room = BUTTON_WIDTH - (len(t(template.bind(title="x"))) - 1)  # the marks isolating a title count too
    return t(template.bind(title=shortened(title, max(room, 2))))
