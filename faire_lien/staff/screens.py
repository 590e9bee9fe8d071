"""Staff in the bot (/staff): publish a meeting by conversation, follow registrations, mark attendance."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from dialogs.bidi import contained, shortened
from dialogs.bilingual import BUTTON
from dialogs.i18n import Translator
from dialogs.reply import Button, Document, Reply
from dialogs.schema import Flow
from dialogs.steps.yesno import NO
from dialogs.text import Figures, Msg, msg, plural, reference
from faire_lien import routes
from faire_lien.core.later import after_commit
from faire_lien.core.quiet import QuietHours
from faire_lien.core.roles import Staff, may, staff
from faire_lien.core.screens import CONSENT_VERSION, MENU_BUTTON, STALE_BUTTON
from faire_lien.core.turn import Turn
from faire_lien.grids.labels import NUMBERED
from faire_lien.routes import Route
from faire_lien.sessions import texts
from faire_lien.sessions.access import NotAllowedError, NotYourSessionError, check_follows
from faire_lien.sessions.screens import GONE
from faire_lien.sessions.service import (
    assign_facilitator,
    mark_attendance,
    session_facilitators,
    session_roster,
    sessions_followed,
)
from faire_lien.sessions.timing import CheckInNotOpenError, PollNotOpenError, TooEarlyError
from faire_lien.staff.names import colleague
from faire_lien.staff.team import back
from faire_lien.surveys.invitations import HOT
from faire_lien.surveys.present import chart, in_groups_text, report_text
from faire_lien.surveys.report import Line, as_text, as_xlsx
from faire_lien.surveys.service import Files, MeetingResults, meeting_results, poll_progress, send_poll
from faire_lien.surveys.service import yearly_report as yearly_figures
from faire_lien.surveys.waiting import goes_out, not_sent
from faire_lien.surveys.years import report_years
from storage.db import Database
from storage.meetings import get_meeting
from storage.models import Meeting, Person, Registration, StaffMember
from storage.people import Identity, add_person, record_consent
from storage.staff import members
from storage.statuses import is_attendance

STAFF_MENU = msg("Espace professionnels :", "staff")
NOTHING_TO_FOLLOW = msg("Aucune rencontre à venir.", "staff")
FOLLOWED = msg("📋 Les rencontres que vous suivez :", "staff")
ROSTER_HEAD = msg("{title} — {when}\nInscrits : {taken}/{capacity} · liste d'attente : {waiting}", "staff")
ATTENDANCE = msg(
    "Présences — présent·es : {present} · absent·es : {absent} · excusé·es : {excused} · à noter : {unmarked}",
    "staff",
)
NOBODY_REGISTERED = msg("Personne n'est encore inscrit·e : les présences se noteront ici.", "staff")
"""Instead of attendance counts (all zeros) and an empty list, while nobody has registered."""
PROGRESS = msg(
    "Avis — personnes invitées : {invited} · envoyés : {sent} · en attente : {waiting} · incertains : {uncertain} · "
    "injoignables : {unreachable} · répondants (arrondi par groupes de 5) : {answered}",
    "staff",
)
"""A session's poll: « envoyés » counts invitations delivered, « en attente » those still in the send queue,
« incertains » those sent without knowing whether they arrived (the outbox screen's word: 📮 lists them); the people
invited one by one, the respondents as the results count them (« moins de 5 », 5, 10…), in the results' words."""
SEND_POLL = msg("📨 Envoyer l'avis aux présents", "staff")
BACK_TO_SESSIONS = msg("◀ Rencontres", "staff")
BACK_TO_SESSION = msg("◀ Inscriptions", "staff")
"""Back to the session's own screen (registrations, attendance) from its results or facilitators."""
NOT_YOURS = msg(
    "Cette rencontre ne fait pas partie des vôtres : vous suivez les rencontres que vous avez publiées "
    "ou qu'une coordinatrice ou un coordinateur vous a confiées.",
    "staff",
)
MARKS = {"present": "✅", "absent": "❌", "excused": "🟡"}
CHOOSE_FACILITATORS = msg(
    "Animatrices et animateurs (numéro Telegram) qui suivent cette rencontre : ✅. "
    "Appuyez sur une ligne pour lui confier la rencontre ou la lui retirer.",
    "staff",
)
FOLLOWED_BY = msg("Suivie par : {who}", "staff")
FOLLOWED_BY_NOBODY = msg("Suivie par : aucune animatrice ni aucun animateur", "staff")
CHECK_IN_LATER = msg("⏳ Le pointage des présences ouvre à {time} ({day}), une heure avant le début.", "staff")
POLL_LATER = msg("⏳ L'avis ne peut être envoyé qu'après la fin de la rencontre, à {time} ({day}).", "staff")
NO_FACILITATOR = msg(
    "Aucune animatrice ni aucun animateur dans l'équipe : invitez-en avec /invite facilitator.", "staff"
)


class StaffScreens:
    """What /staff shows to people whose Telegram id is in the staff list; a poll queued within `quiet` hours is
    said to leave when they end."""

    def __init__(self, quiet: QuietHours | None = None) -> None:
        self.quiet = quiet or QuietHours()

    async def menu(self, turn: Turn, who: str, *, open_with_someone: bool = False) -> list[Reply]:
        """What this role can do; first, to drop it, the questionnaire left open with someone (`open_with_someone`)."""
        entries: list[tuple[str, Msg, Route, tuple[str, ...]]] = [
            ("cases", msg("📥 Demandes des personnes", "staff"), routes.STAFF_CASES, ()),
            ("publish", msg("🛠 Publier une rencontre", "staff"), routes.GO, ("publish_session",)),
            ("follow", msg("📋 Suivre les inscriptions", "staff"), routes.STAFF_SESSIONS, ()),
            ("grids", msg("📝 Questionnaire avec une personne", "staff"), routes.STAFF_GRIDS, ()),
            ("grids", msg("🌍 Avec une personne, dans sa langue", "staff"), routes.STAFF_MEDIATE, ()),
            ("team", msg("👥 Équipe", "staff"), routes.STAFF_TEAM, ()),
            ("audit", msg("🧾 Journal des consultations", "staff"), routes.STAFF_AUDIT, ()),
            ("outbox", msg("📮 Messages non remis", "staff"), routes.STAFF_OUTBOX, ()),
            ("menu", msg("🖥 Console web", "staff"), routes.STAFF_CONSOLE, ()),
        ]
        rows = [(route.button(turn.t(label), *args),) for need, label, route, args in entries if may(who, need)]
        if open_with_someone and may(who, "grids"):
            rows.insert(0, (routes.ABANDON.button(turn.t(ABANDON_BUTTON), "ask"),))
        if may(who, "report"):
            for year in (await report_years(turn.session, turn.now))[:2]:  # the year just ended is the one reported on
                label = msg("📈 Rapport annuel {year}", "staff", year=Figures(str(year)))
                rows.append((routes.REPORT.button(turn.t(label), str(year)),))
        rows.append((routes.MENU.button(turn.t(MENU_BUTTON), "main"),))
        return [Reply(turn.t(STAFF_MENU), tuple(rows))]

    async def meetings(self, turn: Turn, notice: Msg | None = None) -> list[Reply]:
        """The meetings to come (and of today) this staff member follows, with seats taken."""
        who = await staff(turn)
        found = [] if who is None else await sessions_followed(turn.session, who, turn.now - timedelta(hours=12))
        prefix = f"{turn.t(notice)}\n\n" if notice is not None else ""
        if not found:
            return [Reply(prefix + turn.t(NOTHING_TO_FOLLOW), back(turn))]
        rows = tuple((routes.ROSTER.button(_session_label(m, turn.t), m.id),) for m in found[:20])
        return [Reply(prefix + turn.t(FOLLOWED), (*rows, *back(turn)))]

    async def roster(self, turn: Turn, meeting_id: int) -> list[Reply]:
        """Registered people (by the booking code shown at the door), the waiting list, attendance buttons; audited."""
        try:
            who = await _staff(turn)
            found = await session_roster(turn.session, meeting_id, who, turn.now)
            facilitators = await session_facilitators(turn.session, meeting_id, who)
        except (NotYourSessionError, NotAllowedError):
            return await self.meetings(turn, NOT_YOURS)
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
        registered = [line.registration for line in found.lines if line.registration.status == "registered"]
        counts = ATTENDANCE.bind(**found.attendance) if registered else NOBODY_REGISTERED
        lines = [turn.t(head), turn.t(facilitators_line(facilitators)), turn.t(counts)]
        buttons: list[tuple[Button, ...]] = []
        for r in registered:
            mark = MARKS.get(r.attendance or "", "·")
            buttons.append(
                tuple(
                    routes.ATTEND.button(
                        f"{mark if r.attendance == key else ''}{symbol} {_shown(r, turn.t)}", r.id, key
                    )
                    for key, symbol in MARKS.items()
                )
            )
        sent = await poll_progress(turn.session, meeting.id, HOT)
        if sent.invited:
            lines.append(
                turn.t(
                    PROGRESS.bind(
                        invited=sent.invited,
                        sent=sent.sent,
                        waiting=sent.waiting,
                        uncertain=sent.uncertain,
                        unreachable=sent.unreachable,
                        answered=in_groups_text(sent.answered),
                    )
                )
            )
        buttons.append((routes.POLL.button(turn.t(SEND_POLL), meeting.id),))
        buttons.append((routes.RESULTS.button(turn.t(msg("📊 Résultats de l'avis", "staff")), meeting.id),))
        if may(who.role, "assign"):
            label = turn.t(msg("👤 Confier la rencontre", "staff"))
            buttons.append((routes.FACILITATORS.button(label, meeting.id),))
        buttons.append((routes.STAFF_SESSIONS.button(turn.t(BACK_TO_SESSIONS)),))
        return [Reply("\n".join(lines), tuple(buttons))]

    async def facilitators(self, turn: Turn, meeting_id: int) -> list[Reply]:
        """A coordinator's choice of facilitators for a session: pressing one assigns or unassigns them."""
        try:
            who = await _staff(turn)
            assigned = {m.telegram_id for m in await session_facilitators(turn.session, meeting_id, who)}
        except (NotYourSessionError, NotAllowedError):
            return await self.meetings(turn, NOT_YOURS)
        team = [m for m in await members(turn.session) if m.role == "facilitator"]
        rows = tuple(
            (
                routes.ASSIGN.button(
                    f"{'✅' if m.telegram_id in assigned else '➕'} {colleague(m)}",
                    meeting_id,
                    m.telegram_id,
                    "off" if m.telegram_id in assigned else "on",
                ),
            )
            for m in team[:30]
        )
        text = turn.t(CHOOSE_FACILITATORS if team else NO_FACILITATOR)
        return [Reply(text, (*rows, *to_session(turn.t, meeting_id)))]

    async def assign(self, turn: Turn, meeting_id: int, telegram_id: int, *, on: bool) -> list[Reply]:
        """Assign a facilitator to a session or take them off it (audited), then show the choice again."""
        try:
            await assign_facilitator(turn.session, meeting_id, telegram_id, await _staff(turn), turn.now, on=on)
        except NotAllowedError:
            return await self.meetings(turn, NOT_YOURS)
        return await self.facilitators(turn, meeting_id)

    async def poll(self, turn: Turn, meeting_id: int) -> list[Reply]:
        """Send the hot evaluation to everyone marked present (once each), then show the roster with progress."""
        try:
            queued = await send_poll(turn.session, meeting_id, HOT, await _staff(turn), turn.now)
        except (NotYourSessionError, NotAllowedError):
            return await self.meetings(turn, NOT_YOURS)
        except PollNotOpenError as early:
            return [Reply(too_early(turn, POLL_LATER, early)), *await self.roster(turn, meeting_id)]
        if queued is None:
            return await self.meetings(turn)
        later = goes_out(self.quiet, turn.now) if queued else None  # within quiet hours: when they end
        note = Reply(
            turn.t(poll_queued(queued)) if later is None else too_early(turn, poll_queued_overnight(queued), later)
        )
        return [note, *await self.roster(turn, meeting_id)]

    async def results(self, turn: Turn, meeting_id: int, flows: Mapping[str, Flow]) -> list[Reply]:
        """The hot evaluation's results for one meeting, with a chart when there are enough answers.

        The results are read once this update is committed (`faire_lien/core/later.py`), so counting never stalls
        the bot; the access checks are made now, and again by the read.
        """
        flow = flows.get(HOT)
        try:
            who = await _staff(turn)
            await check_follows(turn.session, who, meeting_id)
        except (NotYourSessionError, NotAllowedError):
            return await self.meetings(turn, NOT_YOURS)
        if flow is None or await get_meeting(turn.session, meeting_id) is None:
            return await self.meetings(turn)
        t, now, quiet = turn.t, turn.now, self.quiet

        async def read(db: Database) -> list[Reply]:
            drawn: list[Document] = []

            def draw(found: MeetingResults) -> list[str]:
                """The chart of results shown (none while the poll waits, or results are hidden): an export."""
                picture = chart(found.report, t) if not_sent(found, now, t, quiet) is None else None
                drawn.extend([picture] if picture is not None else [])
                return ["png"] if picture is not None else []

            try:
                found = await meeting_results(db, flow, meeting_id, who, now, Files(draw, BOT))
            except (NotYourSessionError, NotAllowedError):
                return [Reply(t(NOT_YOURS), ((routes.STAFF_SESSIONS.button(t(BACK_TO_SESSIONS)),),))]
            if found is None:
                return [Reply(t(GONE), ((routes.STAFF_SESSIONS.button(t(BACK_TO_SESSIONS)),),))]
            meeting, report = found.meeting, found.report
            heading = f"📊 {contained(texts.title(meeting, t))} — {texts.when(meeting, t)}"
            back = to_session(t, meeting.id)
            waiting = not_sent(found, now, t, quiet)
            if waiting is not None:
                send = ((routes.POLL.button(t(SEND_POLL), meeting.id),),) if waiting.can_send else ()
                return [Reply(f"{heading}\n{waiting.text}", (*send, *back))]
            return [Reply(report_text(report, heading, t), back, document=drawn[0] if drawn else None)]

        after_commit(turn.session, read)
        return []

    async def attend(self, turn: Turn, registration_id: int, status: str) -> list[Reply]:
        """Mark one registration present, absent or excused, then show the roster again."""
        if not is_attendance(status):
            return await self.meetings(turn)
        try:
            marked = await mark_attendance(turn.session, registration_id, status, await _staff(turn), turn.now)
        except (NotYourSessionError, NotAllowedError):
            return await self.meetings(turn, NOT_YOURS)
        except CheckInNotOpenError as early:
            return [Reply(too_early(turn, CHECK_IN_LATER, early)), *await self.roster(turn, early.meeting_id)]
        if marked is None:
            return await self.meetings(turn)
        return await self.roster(turn, marked.meeting_id)


def to_session(t: Translator, meeting_id: int) -> tuple[tuple[Button, ...], ...]:
    """The way back from a session's sub-screen (results, facilitators): its own screen, then the list of sessions."""
    return (
        (routes.ROSTER.button(t(BACK_TO_SESSION), meeting_id),),
        (routes.STAFF_SESSIONS.button(t(BACK_TO_SESSIONS)),),
    )


def _shown(registration: Registration, t: Translator) -> str:
    """How staff name a registration: the booking code the person shows at the door, as the console does; else its
    number, ungrouped, in the reader's words and digits."""
    return registration.code or t(NUMBERED.bind(number=reference(registration.id)))


ABANDON_BUTTON = msg("✖ Abandonner le questionnaire en cours", "staff")
ABANDON_ASK = msg(
    "Abandonner le questionnaire « {title} » commencé avec une personne ? Ses réponses à ce questionnaire ne seront "
    "pas enregistrées et aucun résultat ne sera gardé ; ce qui était déjà enregistré pour elle reste comme avant.",
    "staff",
)
ABANDON_YES = msg("✖ Oui, abandonner", "staff")
ABANDON_NO = msg("◀ Non, reprendre", "staff")
ABANDONED = msg("Questionnaire abandonné : ses réponses n'ont pas été enregistrées.", "staff")
NOTHING_OPEN = msg("Aucun questionnaire n'est en cours avec une personne.", "staff")
PERSON_AGREES = msg("✅ Oui, elle accepte", "staff")
CONSENT_FOR = msg(
    "La personne est avec vous, a compris à quoi servent ses réponses et accepte qu'elles soient enregistrées "
    "(vous répondez pour elle) ?",
    "staff",
)


def grid_choice(turn: Turn, grids: list[Flow]) -> list[Reply]:
    """Which grid to run with someone, or back to the staff area."""
    rows = tuple((routes.ON_BEHALF.button(turn.t(g.title, g.context), g.id, "ask"),) for g in grids)
    return [Reply(turn.t(msg("Quel questionnaire faire avec la personne ?", "staff")), (*rows, *back(turn)))]


def consent_for(turn: Turn, grid: Flow) -> list[Reply]:
    """Ask the mediator to confirm the person's consent before anything is stored."""
    rows = (
        (routes.ON_BEHALF.button(turn.t(PERSON_AGREES), grid.id, "yes"),),
        (routes.STAFF_HOME.button(turn.t(NO)),),
    )
    return [Reply(turn.t(CONSENT_FOR), rows)]


def proxy_person(turn: Turn, language: str | None = None) -> Person:
    """A person without a Telegram account, answered for by a mediator, with their consent recorded now.

    `language` is the person's in mediated mode; otherwise they answer in the mediator's.
    """
    person = add_person(turn.session, Identity())
    spoken = language or turn.t.language
    record_consent(person, accepted=True, language=spoken, version=CONSENT_VERSION, at=turn.now)
    return person


async def yearly_report(turn: Turn, year: int, flows: Mapping[str, Flow]) -> list[Reply]:
    """The yearly indicators as text, with the XLSX file and the way back to the staff area; read once this update is
    committed, and audited. A year outside the service's life (an old menu's button) reads « Ce bouton n'est plus
    valide… » and the staff menu."""
    actor, t, now = _actor(turn), turn.t, turn.now
    if year not in await report_years(turn.session, now):
        return [Reply(t(STALE_BUTTON)), *await StaffScreens().menu(turn, "coordinator")]

    async def read(db: Database) -> list[Reply]:
        made: list[Document] = []

        def workbook(lines: list[Line]) -> list[str]:
            """The XLSX file sent with the text: an export."""
            made.append(Document(f"indicateurs-{year}.xlsx", as_xlsx(year, lines, t), XLSX))
            return ["xlsx"]

        lines = await yearly_figures(db, year, flows, actor, now, Files(workbook, BOT))
        return [Reply(as_text(year, lines, t), back(turn), document=made[0])]

    after_commit(turn.session, read)
    return []


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOT = "bot"
"""The channel a file was given through, in its export row (the console writes « console », the command line
« command line »)."""


def facilitators_line(facilitators: list[StaffMember]) -> Msg:
    """Who follows a session, as colleagues know them (display name, else Telegram first name)."""
    if not facilitators:
        return FOLLOWED_BY_NOBODY
    return FOLLOWED_BY.bind(who=", ".join(colleague(m) for m in facilitators))


def _actor(turn: Turn) -> str:
    """Who acts, for the audit log (the Telegram id, as on every staff screen)."""
    return f"telegram:{turn.person.telegram_id}"


async def _staff(turn: Turn) -> Staff:
    """The staff member pressing a staff button (the route already checked the role; a lost role is refused)."""
    who = await staff(turn)
    if who is None:
        raise NotAllowedError(Staff("facilitator", None, _actor(turn)), "follow")
    return who


def too_early(turn: Turn, message: Msg, early: TooEarlyError | datetime) -> str:
    """A refusal saying when check-in or the poll opens (or a poll queued at night goes), in Paris time and the staff
    member's language."""
    opens = texts.local_time(early if isinstance(early, datetime) else early.opens_at)
    return turn.t(message.bind(day=turn.t.date(opens.date(), "full"), time=turn.t.time(opens)))


NOBODY_NEW = msg("📨 Personne de plus à inviter : chaque personne marquée présente a déjà son invitation.", "staff")


def poll_queued(queued: int) -> Msg:
    """How many people present the survey was just queued for (the send queue delivers it), or that nobody new."""
    if not queued:
        return NOBODY_NEW
    return plural(
        "📨 Avis mis en file d'attente pour {n} nouvelle personne présente, envoi en cours.",
        "📨 Avis mis en file d'attente pour {n} nouvelles personnes présentes, envoi en cours.",
        queued,
        "staff",
    )


def poll_queued_overnight(queued: int) -> Msg:
    """How many people present the survey was just queued for during quiet hours, and when it goes ({time}, {day})."""
    return plural(
        "📨 Avis mis en file d'attente pour {n} nouvelle personne présente : heures calmes, il partira à {time} "
        "({day}).",
        "📨 Avis mis en file d'attente pour {n} nouvelles personnes présentes : heures calmes, il partira à {time} "
        "({day}).",
        queued,
        "staff",
    )


def _seats(meeting: Meeting, t: Translator) -> str:
    """ "7/12" seats taken, in the reader's digits ("۷/۱۲" in Persian)."""
    return t.digits(f"{meeting.taken}/{meeting.capacity}")


def _session_label(meeting: Meeting, t: Translator) -> str:
    """A followed session's button: when, its title cut to fit a phone (a title may be long), the seats taken."""
    start, seats = f"{texts.short_when(meeting, t)} · ", f" ({_seats(meeting, t)})"
    title = shortened(contained(texts.title(meeting, t)), max(BUTTON - len(start) - len(seats), 8))
    return f"{start}{title}{seats}"
