"""Staff in the bot (/staff): publish a meeting by conversation, follow registrations, mark attendance."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from dialogs.reply import Button, Document, Reply
from dialogs.schema import Flow
from dialogs.steps.yesno import NO
from dialogs.text import Msg, msg, plural
from faire_lien import routes
from faire_lien.core.roles import may
from faire_lien.core.screens import CONSENT_VERSION, MENU_BUTTON
from faire_lien.core.turn import Turn
from faire_lien.routes import Route
from faire_lien.sessions import texts
from faire_lien.sessions.service import mark_attendance, session_roster
from faire_lien.surveys.invitations import HOT
from faire_lien.surveys.present import chart, report_text
from faire_lien.surveys.report import as_text, as_xlsx
from faire_lien.surveys.service import meeting_results, send_poll
from faire_lien.surveys.service import yearly_report as yearly_figures
from storage.meetings import upcoming
from storage.models import Person
from storage.people import Identity, add_person, record_consent
from storage.statuses import is_attendance
from storage.surveys import progress

STAFF_MENU = msg("Espace professionnels :", "staff")
NOTHING_TO_FOLLOW = msg("Aucune rencontre à venir.", "staff")
ROSTER_HEAD = msg("{title} — {when}\nInscrits : {taken}/{capacity} · liste d'attente : {waiting}", "staff")
ATTENDANCE = msg(
    "Présences — présent·es : {present} · absent·es : {absent} · excusé·es : {excused} · à noter : {unmarked}",
    "staff",
)
PROGRESS = msg(
    "Avis — invité·es : {invited} · envoyés : {sent} · injoignables : {unreachable} · réponses : {answered}",
    "staff",
)
BACK_TO_SESSIONS = msg("◀ Rencontres", "staff")
MARKS = {"present": "✅", "absent": "❌", "excused": "🟡"}


class StaffScreens:
    """What /staff shows to people whose Telegram id is in the staff list."""

    def menu(self, turn: Turn, who: str) -> list[Reply]:
        """What this role can do."""
        entries: list[tuple[str, Msg, Route, tuple[str, ...]]] = [
            ("publish", msg("🛠 Publier une rencontre", "staff"), routes.GO, ("publish_session",)),
            ("follow", msg("📋 Suivre les inscriptions", "staff"), routes.STAFF_SESSIONS, ()),
            ("grids", msg("📝 Questionnaire avec une personne", "staff"), routes.STAFF_GRIDS, ()),
            ("grids", msg("🌍 Avec une personne, dans sa langue", "staff"), routes.STAFF_MEDIATE, ()),
            ("team", msg("👥 Équipe", "staff"), routes.STAFF_TEAM, ()),
            ("audit", msg("🧾 Journal des consultations", "staff"), routes.STAFF_AUDIT, ()),
        ]
        rows = [(route.button(turn.t(label), *args),) for need, label, route, args in entries if may(who, need)]
        if may(who, "report"):
            year = str(turn.today.year)
            rows.append((routes.REPORT.button(turn.t(msg("📈 Rapport annuel {year}", "staff", year=year)), year),))
        rows.append((routes.MENU.button(turn.t(MENU_BUTTON), "main"),))
        return [Reply(turn.t(STAFF_MENU), tuple(rows))]

    async def meetings(self, turn: Turn) -> list[Reply]:
        """Meetings to come (and of today) with seats taken."""
        found = await upcoming(turn.session, turn.now - timedelta(hours=12))
        if not found:
            return [Reply(turn.t(NOTHING_TO_FOLLOW), ((routes.MENU.button("☰", "main"),),))]
        rows = tuple(
            (
                routes.ROSTER.button(
                    f"{texts.short_when(m, turn.t)} · {texts.title(m, turn.t)} ({m.taken}/{m.capacity})", m.id
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
        head = ROSTER_HEAD.bind(
            title=texts.title(meeting, turn.t),
            when=texts.when(meeting, turn.t),
            taken=meeting.taken,
            capacity=meeting.capacity,
            waiting=found.waiting,
        )
        lines = [turn.t(head), turn.t(ATTENDANCE.bind(**found.attendance))]
        buttons: list[tuple[Button, ...]] = []
        for r in (line.registration for line in found.lines):
            if r.status != "registered":
                continue
            mark = MARKS.get(r.attendance or "", "·")
            buttons.append(
                tuple(
                    routes.ATTEND.button(f"{mark if r.attendance == key else ''}{symbol} n°{r.id}", r.id, key)
                    for key, symbol in MARKS.items()
                )
            )
        sent = await progress(turn.session, meeting.id, HOT)
        if sent.invited:
            lines.append(
                turn.t(
                    PROGRESS.bind(
                        invited=sent.invited,
                        sent=sent.sent,
                        unreachable=sent.unreachable,
                        answered=sent.answered,
                    )
                )
            )
        buttons.append((routes.POLL.button(turn.t(msg("📨 Envoyer l'avis aux présents", "staff")), meeting.id),))
        buttons.append((routes.RESULTS.button(turn.t(msg("📊 Résultats de l'avis", "staff")), meeting.id),))
        buttons.append((routes.STAFF_SESSIONS.button(turn.t(BACK_TO_SESSIONS)),))
        return [Reply("\n".join(lines), tuple(buttons))]

    async def poll(self, turn: Turn, meeting_id: int) -> list[Reply]:
        """Send the hot evaluation to everyone marked present (once each), then show the roster with progress."""
        queued = await send_poll(turn.session, meeting_id, HOT, turn.now)
        if queued is None:
            return await self.meetings(turn)
        note = Reply(turn.t(poll_queued(queued)))
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
            Reply(text, ((routes.STAFF_SESSIONS.button(turn.t(BACK_TO_SESSIONS)),),), document=chart(report, turn.t))
        ]

    async def attend(self, turn: Turn, registration_id: int, status: str) -> list[Reply]:
        """Mark one registration present, absent or excused, then show the roster again."""
        if not is_attendance(status):
            return await self.meetings(turn)
        marked = await mark_attendance(turn.session, registration_id, status, _actor(turn), turn.now)
        if marked is None:
            return await self.meetings(turn)
        return await self.roster(turn, marked.meeting_id)


PERSON_AGREES = msg("✅ Oui, elle accepte", "staff")
CONSENT_FOR = msg(
    "La personne est avec vous, a compris à quoi servent ses réponses et accepte qu'elles soient enregistrées "
    "(vous répondez pour elle) ?",
    "staff",
)


def grid_choice(turn: Turn, grids: list[Flow]) -> list[Reply]:
    """Which grid to run with someone."""
    rows = tuple((routes.ON_BEHALF.button(turn.t(g.title, g.context), g.id, "ask"),) for g in grids)
    return [Reply(turn.t(msg("Quel questionnaire faire avec la personne ?", "staff")), rows)]


def consent_for(turn: Turn, grid: Flow) -> list[Reply]:
    """Ask the mediator to confirm the person's consent before anything is stored."""
    rows = (
        (routes.ON_BEHALF.button(turn.t(PERSON_AGREES), grid.id, "yes"),),
        (routes.MENU.button(turn.t(NO), "main"),),
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


def poll_queued(queued: int) -> Msg:
    """How many people present were just sent the survey."""
    return plural(
        "📨 Avis envoyé à {n} nouvelle personne présente.",
        "📨 Avis envoyé à {n} nouvelles personnes présentes.",
        queued,
        "staff",
    )
