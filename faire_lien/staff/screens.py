"""Staff in the bot (/staff): publish a meeting by conversation, follow registrations, mark attendance."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic import ValidationError

from dialogs.reply import Button, Document, Reply
from dialogs.schema import Flow
from dialogs.text import msg
from faire_lien.core.roles import may, role
from faire_lien.core.screens import CONSENT_VERSION
from faire_lien.core.turn import Finisher, Turn
from faire_lien.sessions import texts
from faire_lien.sessions.service import mark_attendance, publish, session_roster
from faire_lien.sessions.spec import MeetingSpec
from faire_lien.surveys.invitations import HOT
from faire_lien.surveys.present import chart, report_text
from faire_lien.surveys.report import as_text, as_xlsx
from faire_lien.surveys.service import meeting_results, send_poll
from faire_lien.surveys.service import yearly_report as yearly_figures
from storage.meetings import upcoming
from storage.models import Person, Response
from storage.people import Identity, add_person, record_consent
from storage.statuses import is_attendance
from storage.surveys import progress

NOT_STAFF = msg("Je ne connais pas cette commande. Tapez /help pour voir les commandes.", "notice")
STAFF_MENU = msg("Espace professionnels :", "staff")
NOTHING_TO_FOLLOW = msg("Aucune rencontre à venir.", "staff")
ROSTER_HEAD = msg("{title} — {when}\nInscrits : {taken}/{capacity} · liste d'attente : {waiting}", "staff")
ATTENDANCE = msg(
    "Présences : {present} présent(s), {absent} absent(s), {excused} excusé(s), {unmarked} à noter", "staff"
)
PROGRESS = msg(
    "Avis : {invited} invité(s), {sent} envoyé(s), {unreachable} injoignable(s), {answered} réponse(s)", "staff"
)
POLL_QUEUED = msg("📨 Avis envoyé à {n} nouvelle(s) personne(s) présente(s).", "staff")
MARKS = {"present": "✅", "absent": "❌", "excused": "🟡"}


def spec_from_answers(answers: dict[str, Any]) -> MeetingSpec | None:
    """The meeting described by the publishing conversation (None if it does not validate)."""
    try:
        day = date.fromisoformat(str(answers["day"]))
        hours, minutes = re.split("[:h]", str(answers["start"]))
        begin = datetime.combine(day, time(int(hours), int(minutes)))
        spec = MeetingSpec.model_validate(
            {
                "kind": answers["kind"],
                "title": {"fr": answers["title"]},
                "start": begin,
                "end": begin + timedelta(minutes=int(str(answers["duration"]))),
                "place": answers["place"],
                "address": answers["address"],
                "capacity": answers["capacity"],
                "min_size": answers.get("min_size"),
            }
        )
    except (KeyError, ValueError, ValidationError):
        return None
    return spec


def publisher() -> Finisher:
    """The finisher of the publishing flow: only facilitators and coordinators publish, checked again here."""

    async def store(turn: Turn, response: Response, answers: dict[str, Any], origin: int | None) -> None:
        if not may(await role(turn), "publish"):
            return
        spec = spec_from_answers(answers)
        if spec is not None:
            await publish(turn.session, [spec], _actor(turn), turn.now)

    return store


class StaffScreens:
    """What /staff shows to people whose Telegram id is in the staff list."""

    def menu(self, turn: Turn, who: str) -> list[Reply]:
        """What this role can do."""
        entries = [
            ("publish", msg("🛠 Publier une rencontre", "staff"), "go:publish_session"),
            ("follow", msg("📋 Suivre les inscriptions", "staff"), "st:list"),
            ("grids", msg("📝 Questionnaire avec une personne", "staff"), "st:grids"),
            ("grids", msg("🌍 Avec une personne, dans sa langue", "staff"), "st:mediate"),
            ("team", msg("👥 Équipe", "staff"), "st:team"),
            ("audit", msg("🧾 Journal des consultations", "staff"), "st:audit"),
        ]
        rows = [(Button(turn.t(label), action),) for need, label, action in entries if may(who, need)]
        if may(who, "report"):
            year = str(turn.today.year)
            rows.append((Button(turn.t(msg("📈 Rapport annuel {year}", "staff", year=year)), f"rep:{year}"),))
        rows.append((Button(turn.t(msg("☰ Menu", "meeting")), "menu:main"),))
        return [Reply(turn.t(STAFF_MENU), tuple(rows))]

    async def meetings(self, turn: Turn) -> list[Reply]:
        """Meetings to come (and of today) with seats taken."""
        found = await upcoming(turn.session, turn.now - timedelta(hours=12))
        if not found:
            return [Reply(turn.t(NOTHING_TO_FOLLOW), ((Button("☰", "menu:main"),),))]
        rows = tuple(
            (
                Button(
                    f"{texts.short_when(m, turn.t)} · {texts.title(m, turn.t)} ({m.taken}/{m.capacity})", f"sm:{m.id}"
                ),
            )
            for m in found[:20]
        )
        return [Reply(turn.t(STAFF_MENU), rows)]

    async def roster(self, turn: Turn, meeting_id: int) -> list[Reply]:
        """Registered people (by registration number), the waiting list, attendance buttons; the read is audited."""
        found = await session_roster(turn.session, meeting_id, _actor(turn), turn.now)
        if found is None:
            return await self.meetings(turn)
        meeting = found.meeting
        head = msg(
            ROSTER_HEAD.msgid,
            "staff",
            title=texts.title(meeting, turn.t),
            when=texts.when(meeting, turn.t),
            taken=meeting.taken,
            capacity=meeting.capacity,
            waiting=found.waiting,
        )
        lines = [turn.t(head), turn.t(msg(ATTENDANCE.msgid, "staff", **found.attendance))]
        buttons: list[tuple[Button, ...]] = []
        for r in (line.registration for line in found.lines):
            if r.status != "registered":
                continue
            mark = MARKS.get(r.attendance or "", "·")
            buttons.append(
                tuple(
                    Button(f"{mark if r.attendance == key else ''}{symbol} n°{r.id}", f"att:{r.id}:{key}")
                    for key, symbol in MARKS.items()
                )
            )
        sent = await progress(turn.session, meeting.id, HOT)
        if sent.invited:
            lines.append(
                turn.t(
                    msg(
                        PROGRESS.msgid,
                        "staff",
                        invited=sent.invited,
                        sent=sent.sent,
                        unreachable=sent.unreachable,
                        answered=sent.answered,
                    )
                )
            )
        buttons.append((Button(turn.t(msg("📨 Envoyer l'avis aux présents", "staff")), f"poll:{meeting.id}"),))
        buttons.append((Button(turn.t(msg("📊 Résultats de l'avis", "staff")), f"res:{meeting.id}"),))
        buttons.append((Button(turn.t(msg("◀ Rencontres", "staff")), "st:list"),))
        return [Reply("\n".join(lines), tuple(buttons))]

    async def poll(self, turn: Turn, meeting_id: int) -> list[Reply]:
        """Send the hot evaluation to everyone marked present (once each), then show the roster with progress."""
        queued = await send_poll(turn.session, meeting_id, HOT, turn.now)
        if queued is None:
            return await self.meetings(turn)
        note = Reply(turn.t(msg(POLL_QUEUED.msgid, "staff", n=queued)))
        return [note, *await self.roster(turn, meeting_id)]

    async def results(self, turn: Turn, meeting_id: int, flows: Mapping[str, Flow]) -> list[Reply]:
        """The hot evaluation's results for one meeting, with a chart when there are enough answers."""
        flow = flows.get(HOT)
        found = None if flow is None else await meeting_results(turn.session, flow, meeting_id, _actor(turn), turn.now)
        if found is None:
            return await self.meetings(turn)
        meeting, report = found.meeting, found.report
        heading = f"📊 {texts.title(meeting, turn.t)} — {texts.when(meeting, turn.t)}"
        text = report_text(report, heading, turn.t)
        return [
            Reply(text, ((Button(turn.t(msg("◀ Rencontres", "staff")), "st:list"),),), document=chart(report, turn.t))
        ]

    async def attend(self, turn: Turn, registration_id: int, status: str) -> list[Reply]:
        """Mark one registration present, absent or excused, then show the roster again."""
        if not is_attendance(status):
            return await self.meetings(turn)
        marked = await mark_attendance(turn.session, registration_id, status, _actor(turn), turn.now)
        if marked is None:
            return await self.meetings(turn)
        return await self.roster(turn, marked.meeting_id)


CONSENT_FOR = msg(
    "La personne est avec vous, a compris à quoi servent ses réponses et accepte qu'elles soient enregistrées "
    "(vous répondez pour elle) ?",
    "staff",
)


def grid_choice(turn: Turn, grids: list[Flow]) -> list[Reply]:
    """Which grid to run with someone."""
    rows = tuple((Button(turn.t(g.title, g.context), f"obo:{g.id}:ask"),) for g in grids)
    return [Reply(turn.t(msg("Quel questionnaire faire avec la personne ?", "staff")), rows)]


def consent_for(turn: Turn, grid: Flow) -> list[Reply]:
    """Ask the mediator to confirm the person's consent before anything is stored."""
    rows = (
        (Button(turn.t(msg("✅ Oui, elle accepte", "staff")), f"obo:{grid.id}:yes"),),
        (Button(turn.t(msg("Non", "button")), "menu:main"),),
    )
    return [Reply(turn.t(CONSENT_FOR), rows)]


def proxy_person(turn: Turn) -> Person:
    """A person without a Telegram account, answered for by a mediator, with their consent recorded now."""
    person = add_person(turn.session, Identity())
    record_consent(person, accepted=True, language=turn.t.language, version=CONSENT_VERSION, at=turn.now)
    return person


async def yearly_report(turn: Turn, year: int, flows: Mapping[str, Flow]) -> list[Reply]:
    """The yearly indicators as text, with the XLSX file; the read is audited."""
    lines = await yearly_figures(turn.session, year, flows, _actor(turn), turn.now)
    document = Document(f"indicateurs-{year}.xlsx", as_xlsx(year, lines), XLSX)
    return [Reply(as_text(year, lines), document=document)]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _actor(turn: Turn) -> str:
    """Who acts, for the audit log and the meetings published (the Telegram id, as on every staff screen)."""
    return f"telegram:{turn.person.telegram_id}"
