"""/mydata and /forget: the person receives everything stored about them, or has it erased."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from dialogs.i18n import Translator, language_name
from dialogs.reply import Document, Reply
from dialogs.schema import Flow
from dialogs.text import Msg, msg, plural
from faire_lien import routes
from faire_lien.cases.service import erasing
from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours
from faire_lien.core.turn import Turn
from faire_lien.sessions.reminders import announce_offer
from faire_lien.sessions.texts import written_in
from faire_lien.surveys.results import counted_steps
from storage.meetings import get_meeting
from storage.personal_data import export_person, forget_person
from storage.types import PARIS

ASK_FORGET = msg(
    "Voulez-vous vraiment effacer toutes vos données ? Vos réponses, vos résultats et vos inscriptions "
    "seront supprimés, et vos places libérées. Cela ne peut pas être annulé.",
    "privacy",
)
STILL_COUNTED = msg(
    "Seuls des nombres restent dans les statistiques de l'équipe (combien de personnes ont répondu ou sont venues), "
    "sans rien qui mène à vous.",
    "privacy",
)
"""What stays after /forget: anonymous counts (storage/personal_data.py `forget_person`)."""
FORGOTTEN = msg(
    "C'est fait : vos données sont effacées. Si vous revenez, tout recommencera depuis le début. Au revoir !",
    "privacy",
)
KEPT = msg("D'accord, rien n'a été effacé.", "privacy")
NOT_CONCLUDED = msg("• « {title} » : pas de conclusion possible (trop peu de réponses), donc pas de score", "privacy")
CONSENT_GIVEN = msg("• Langue : {language} ; accord donné le {day}", "privacy")
CONSENT_REFUSED = msg("• Langue : {language} ; enregistrement de vos réponses refusé le {day}", "privacy")

EXPORT_UNSENT = msg(
    "Le fichier avec le détail n'a pas pu être envoyé. Réessayez plus tard avec /mydata, "
    "ou demandez-le à un·e professionnel·le.",
    "privacy",
)


async def my_data(turn: Turn, flows: Mapping[str, Flow]) -> list[Reply]:
    """A readable summary (the language by its name, the consent given or refused and its day in France) and the
    full JSON file; a grid that could not conclude says so and gives no score."""
    data = await export_person(turn.session, turn.person)
    t = turn.t
    for g in data["grid_results"]:
        g["concluded"] = _concluded(g, flows)
        if not g["concluded"]:
            g["score"] = None
        g.update(_readable(g, flows, t))
    for r in data["registrations"]:
        r["session"] = written_in(r["session"], t)
    unconcluded = [g for g in data["grid_results"] if not g["concluded"]]
    decision = CONSENT_GIVEN if turn.person.consented else CONSENT_REFUSED
    consent_day = turn.person.consent_at.astimezone(PARIS).date()
    lines = [
        t(msg("Voici tout ce qui est enregistré sur vous (le fichier joint contient le détail) :", "privacy")),
        t(decision.bind(language=language_name(turn.person.language), day=consent_day)),
        t(
            plural(
                "• {n} questionnaire terminé",
                "• {n} questionnaires terminés",
                len(data["finished_questionnaires"]),
                "privacy",
            )
        ),
        t(plural("• {n} inscription", "• {n} inscriptions", len(data["registrations"]), "privacy")),
        t(plural("• {n} demande de contact", "• {n} demandes de contact", len(data["requests_to_staff"]), "privacy")),
        t(plural("• {n} message programmé", "• {n} messages programmés", len(data["scheduled_messages"]), "privacy")),
        *(t(NOT_CONCLUDED.bind(title=_title(g["grid"], flows))) for g in unconcluded),
    ]
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    document = Document("mes-donnees.json", content, "application/json", unsent=t(EXPORT_UNSENT))
    return [Reply("\n".join(lines), document=document)]


def _concluded(result: dict[str, Any], flows: Mapping[str, Flow]) -> bool:
    """Whether a stored grid result concluded (its orientation, in the grid as it is now)."""
    flow = flows.get(result["grid"])
    return flow is None or flow.scoring is None or flow.scoring.concluded(result["orientation"])


def _readable(result: dict[str, Any], flows: Mapping[str, Flow], t: Translator) -> dict[str, str | None]:
    """The grid's title and the result the person read, in their language (a grid since removed: its id, no text)."""
    flow = flows.get(result["grid"])
    if flow is None:
        return {"title": result["grid"], "result": None}
    found = flow.scoring.numbered(result["orientation"]) if flow.scoring is not None else None
    text = t(Msg(found[1].text, flow.context)) if found is not None else None
    return {"title": t(_title(result["grid"], flows)), "result": text}


def _title(grid_id: str, flows: Mapping[str, Flow]) -> Msg:
    """The grid's title, in the reader's language."""
    flow = flows[grid_id]
    return Msg(flow.title, flow.context)


def ask_forget(turn: Turn) -> list[Reply]:
    """Ask once before erasing, saying what goes and that only anonymous counts stay."""
    rows = (
        (routes.FORGET.button(turn.t(msg("🗑 Oui, tout effacer", "privacy")), "yes"),),
        (routes.FORGET.button(turn.t(msg("Non, garder mes données", "privacy")), "no"),),
    )
    return [Reply(f"{turn.t(ASK_FORGET)}\n\n{turn.t(STILL_COUNTED)}", rows)]


async def forget(turn: Turn, flows: Mapping[str, Flow], quiet: QuietHours = DEFAULT_QUIET_HOURS) -> list[Reply]:
    """Erase everything about the person; only anonymous aggregates remain (survey answers counted per value,
    never a free comment); whoever gets their seat is told (at night too for an early session: `announce_offer`), and
    whoever held one of their open requests is told it was withdrawn."""
    steps = {flow.id: counted_steps(flow) for flow in flows.values()}
    await erasing(turn.session, turn.person.id, turn.now)
    for offered in await forget_person(turn.session, turn.person, turn.now, survey_steps=steps):
        meeting = await get_meeting(turn.session, offered.meeting_id)
        if meeting is not None:
            await announce_offer(turn.session, offered, meeting, turn.now, quiet)
    return [Reply(turn.t(FORGOTTEN))]
