"""Browse meetings, register in two taps, see and cancel one's registrations, take a freed seat."""

from __future__ import annotations

from dataclasses import replace

from dialogs.bidi import contained, shortened
from dialogs.bilingual import BUTTON
from dialogs.reply import Button, Reply
from dialogs.text import Msg, msg, plural
from faire_lien import routes
from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours
from faire_lien.core.screens import MENU_BUTTON, home, main_menu
from faire_lien.core.turn import Turn
from faire_lien.sessions import texts
from faire_lien.sessions.booking import WelcomedError, cancellable, give_up, seat_free, settle, take_free
from faire_lien.sessions.calendar import ics
from faire_lien.sessions.reminders import schedule_reminders
from faire_lien.sessions.timing import is_over
from storage.meetings import (
    accept_offer,
    get_meeting,
    get_registration,
    lost_offers,
    own_registration,
    register,
    registered_count,
    registrations_of,
    upcoming,
    waiting_position,
)
from storage.models import Meeting, Registration

NONE_YET = msg(
    "Aucune rencontre n'est encore publiée dans ce service. Votre travailleur social peut vous renseigner.", "notice"
)
PICK_KIND = msg("Quel type de rencontre cherchez-vous ?", "meeting")
# TRANSLATORS: {kind} is a kind of session, such as « Examen de prévention en santé ».
NONE_OF_KIND = msg("Aucune date n'est encore publiée pour « {kind} ».", "meeting")
OTHER_KINDS = msg("Les autres rencontres proposées :", "meeting")
PICK_MEETING = msg("Choisissez une date :", "meeting")
PICK_PLACE = msg("Choisissez un lieu :", "meeting")
GONE = msg("Cette rencontre n'est plus proposée.", "meeting")
REGISTERED = msg("✅ C'est noté, vous êtes inscrit·e. Le fichier joint ajoute la date à votre agenda.", "meeting")
# TRANSLATORS: {rank} is the person's place on the waiting list (1, 2, 3…).
WAITING = msg(
    "C'est complet pour l'instant : vous êtes n° {rank} sur la liste d'attente. Si une place se libère, "
    "je vous préviens et vous aurez 24 heures pour la prendre.",
    "meeting",
)
ALREADY = msg("Vous êtes déjà inscrit·e à cette rencontre.", "meeting")
ALREADY_WAITING = msg("Vous êtes déjà sur la liste d'attente de cette rencontre.", "meeting")
YOURS = {
    "registered": msg("Vous êtes inscrit·e.", "meeting"),
    # TRANSLATORS: {rank} is the person's place on the waiting list (1, 2, 3…).
    "waiting": msg("Vous êtes n° {rank} sur la liste d'attente.", "meeting"),
    "offered": msg("Une place s'est libérée pour vous : prenez-la avant la fin du délai.", "meeting"),
}
# TRANSLATORS: {rank} is the person's place on the waiting list (1, 2, 3…); the button is « ✅ Je prends la place ».
YOURS_FREE = msg(
    "Une place est libre : vous pouvez la prendre (vous êtes n° {rank} sur la liste d'attente).", "meeting"
)
ICS_UNSENT = msg("Le fichier pour votre agenda n'a pas pu être envoyé : notez la date et le lieu ci-dessus.", "meeting")
MAP = msg("🗺 Plan : {link}", "meeting")
# TRANSLATORS: {code} is six letters and digits such as K7MXRA; "l'accueil" is the reception desk at the session.
CODE = msg("Votre code de réservation : {code} (à montrer à l'accueil)", "meeting")
# TRANSLATORS: {code} is six letters and digits such as K7MXRA, on the list of the person's registrations.
CODE_SHORT = msg("Code de réservation : {code}", "meeting")
NO_REGISTRATIONS = msg("Vous n'avez aucune inscription pour le moment.", "notice")
MY_LIST = msg("Vos inscriptions :", "meeting")
CONFIRM_CANCEL = msg("Voulez-vous vraiment annuler votre inscription à « {title} » ({when}) ?", "meeting")
CANCELLED = msg(
    "Votre inscription est annulée. Merci de nous avoir prévenus : la place va à quelqu'un d'autre.", "meeting"
)
CONFIRM_LEAVE_LIST = msg("Voulez-vous vraiment quitter la liste d'attente de « {title} » ({when}) ?", "meeting")
LEFT_LIST = msg("Vous avez quitté la liste d'attente. Merci de nous avoir prévenus.", "meeting")
"""Said instead of `CONFIRM_CANCEL` and `CANCELLED` to someone waiting: they hold no seat to keep or to give."""
WELCOMED = msg(
    "Vous avez été accueilli·e à « {title} » : votre inscription ne peut plus être annulée. Si c'est une erreur, "
    "parlez-en à l'accueil.",
    "meeting",
)
# TRANSLATORS: {title} is the session's title; said to someone pressing an old « cancel » button again.
ALREADY_CANCELLED = msg("Votre inscription à « {title} » est déjà annulée.", "meeting")
# TRANSLATORS: {title} is the session's title; an old « cancel » button pressed once the session has started.
BEGUN = msg("« {title} » a déjà commencé : il n'y a plus rien à annuler.", "meeting")
# TRANSLATORS: {title} is the session's title; an old « cancel » button pressed once the session is over.
TOOK_PLACE = msg("« {title} » a eu lieu : il n'y a plus rien à annuler.", "meeting")
# TRANSLATORS: {rank} is the person's place on the waiting list (1, 2, 3…); someone else took the free seat first.
SEAT_GONE = msg(
    "Désolé, quelqu'un vient de prendre cette place. Vous restez n° {rank} sur la liste d'attente.", "meeting"
)
CONFIRMED_NOW = msg("🎉 Grâce à vous, assez de personnes sont inscrites : la rencontre est confirmée.", "meeting")
# TRANSLATORS: button: about as short as the French (a phone shows about 30 characters on a button).
TAKE_SEAT = msg("✅ Je prends la place", "meeting")
# TRANSLATORS: button: about as short as the French (a phone shows about 30 characters on a button).
REGISTER = msg("✅ M'inscrire", "meeting")
# TRANSLATORS: button; the arrow is turned for right-to-left languages by the program.
OTHER_DATES = msg("◀ Autres dates", "meeting")
# TRANSLATORS: button: about as short as the French (a phone shows about 30 characters on a button).
CANCEL_MINE = msg("✖ Annuler mon inscription", "meeting")
# TRANSLATORS: button: about as short as the French (a phone shows about 30 characters on a button).
LEAVE_LIST = msg("✖ Quitter la liste d'attente", "meeting")
SEAT_TAKEN = msg("✅ La place est à vous : vous êtes inscrit·e.", "meeting")
OFFER_EXPIRED = msg("Désolé, le délai pour prendre cette place est passé.", "meeting")
OFFER_LOST = msg(
    "Le bot n'a pas pu vous joindre : la place qui vous était proposée pour « {title} » est allée à la personne "
    "suivante. Vous pouvez vous réinscrire.",
    "meeting",
)
LOST_STATUS = msg("la place proposée est allée à la personne suivante", "meeting")
SEE_YOU = msg("Merci ! À bientôt.", "meeting")
STATUS = {
    "registered": msg("inscrit·e", "meeting"),
    "waiting": msg("liste d'attente, n° {rank}", "meeting"),
    "offered": msg("une place vous attend", "meeting"),
}
# TRANSLATORS: in « Mes inscriptions », for someone waiting while a seat is free: « ✅ Je prends la place » takes it.
STATUS_FREE = msg("liste d'attente, n° {rank} ; une place est libre", "meeting")


class MeetingScreens:
    """The sessions menu and everything a registration button does."""

    def __init__(self, quiet: QuietHours = DEFAULT_QUIET_HOURS) -> None:
        self.quiet = quiet
        """The quiet hours configured: a seat freed at night for an early session is offered at once."""

    async def kinds(self, turn: Turn) -> list[Reply]:
        """The kinds of meeting with something coming up (or straight to the list when only one)."""
        meetings = await upcoming(turn.session, turn.now)
        if not meetings:
            return [home(turn.t, turn.person.consented, prefix=turn.t(NONE_YET))]
        kinds = list(dict.fromkeys(m.kind for m in meetings))
        if len(kinds) == 1:
            return await self.list_kind(turn, kinds[0])
        return [Reply(turn.t(PICK_KIND), (*_kind_rows(turn, meetings), _menu_row(turn)))]

    async def list_kind(
        self, turn: Turn, kind: str, near: int | None = None, *, ask: Button | None = None
    ) -> list[Reply]:
        """The next meetings of one kind (at one place once chosen), with seats left; none of this kind: say so, with
        the other kinds published and, when given, the `ask` button (a call-back request)."""
        meetings = await upcoming(turn.session, turn.now, kind)
        if not meetings:
            return await self._none_of(turn, kind, ask)
        places = {m.place: m.id for m in reversed(meetings)}  # each place → its soonest meeting
        if near is None and len(places) > 1:
            return [self._places(turn, kind, places)]
        if near is not None:
            place = next((m.place for m in meetings if m.id == near), None)
            meetings = [m for m in meetings if m.place == place] or meetings
        meetings = meetings[:10]
        one_place = len({m.place for m in meetings}) == 1  # said once above the dates, not on each button
        rows = tuple((routes.SESSION.button(texts.button(m, turn.t, place=not one_place), m.id),) for m in meetings)
        header = [f"📅 {turn.t(texts.kind_name(kind))}"]
        if one_place:
            header.append(turn.t(msg("📍 {place}", "meeting", place=meetings[0].place)))
        text = turn.t.lines("\n".join([*header, turn.t(PICK_MEETING)]))  # each line the reading way
        return [Reply(text, (*rows, _menu_row(turn)))]

    async def _none_of(self, turn: Turn, kind: str, ask: Button | None) -> list[Reply]:
        """No date of this kind yet: the other kinds published, the `ask` button, the menu (nothing at all published
        and nothing to ask: the notice on the main menu)."""
        others = [m for m in await upcoming(turn.session, turn.now) if m.kind != kind]
        if not others and ask is None:
            return [home(turn.t, turn.person.consented, prefix=turn.t(NONE_YET))]
        lines = [turn.t(NONE_OF_KIND.bind(kind=texts.kind_name(kind)))]
        if others:
            lines.append(turn.t(OTHER_KINDS))
        asked = ((ask,),) if ask is not None else ()
        return [Reply("\n".join(lines), (*_kind_rows(turn, others), *asked, _menu_row(turn)))]

    def _places(self, turn: Turn, kind: str, places: dict[str, int]) -> Reply:
        """Where meetings of this kind take place; a button per place."""
        ordered = sorted(places.items())
        rows = tuple(
            (routes.SESSION_PLACE.button(shortened(f"📍 {place}", BUTTON), kind, first),) for place, first in ordered
        )
        label = turn.t(texts.kind_name(kind))
        return Reply(f"📅 {label}\n{turn.t(PICK_PLACE)}", (*rows, _menu_row(turn)))

    async def offered(self, turn: Turn, meeting_id: int) -> bool:
        """The session is still offered: scheduled, not begun (a poster's link to it opens its page)."""
        return await _open(turn, meeting_id) is not None

    async def show(self, turn: Turn, meeting_id: int) -> list[Reply]:
        """One meeting in detail, with the Register button; for someone registered or waiting, where they stand, the
        button to take a seat offered or free, and the one to cancel (or leave the waiting list)."""
        meeting = await _open(turn, meeting_id)
        if meeting is None:
            return [home(turn.t, turn.person.consented, prefix=turn.t(GONE))]
        own = await own_registration(turn.session, meeting.id, turn.person.id)
        yours = await _yours(turn, own, meeting)
        rows = (
            *_page_rows(turn, meeting, own if yours else None),
            (routes.SESSION_KIND.button(turn.t(OTHER_DATES), meeting.kind),),
            _menu_row(turn),
        )
        return [Reply(texts.details(meeting, turn.t, yours), rows)]

    async def register(self, turn: Turn, meeting_id: int) -> list[Reply]:
        """Register (or join the waiting list) and confirm with an .ics file and a map link."""
        meeting = await _open(turn, meeting_id)
        if meeting is None:
            return [main_menu(turn.t, prefix=turn.t(GONE))]
        booking = await register(turn.session, meeting.id, turn.person.id, turn.now)
        registration = booking.registration
        if booking.outcome == "closed" or registration is None:
            return [main_menu(turn.t, prefix=turn.t(GONE))]
        if booking.outcome == "already" and _may_take(meeting, registration):
            return await self.show(turn, meeting.id)  # a seat waits for them: the page with "take the place"
        if booking.outcome == "already":
            already = ALREADY if registration.status == "registered" else ALREADY_WAITING
            return await self._already(turn, meeting, registration, already)
        if booking.outcome == "waiting":  # no seat: no booking code to show at the door yet
            rank = await waiting_position(turn.session, registration)
            return [Reply(turn.t(WAITING.bind(rank=rank)), _cancel_rows(turn, registration)), main_menu(turn.t)]
        settled = await settle(turn.session, meeting, registration, turn.now)
        if settled == "gathering":  # interest noted; the date is confirmed to everyone once the group is complete
            count = await registered_count(turn.session, meeting.id)
            noted = _with_code(turn, turn.t(interest(count, meeting.min_size or 0)), registration)
            return [Reply(noted, _cancel_rows(turn, registration)), main_menu(turn.t)]
        head = CONFIRMED_NOW if settled == "confirmed" else REGISTERED
        return [*await self._status(turn, meeting, registration, head), main_menu(turn.t)]

    async def _status(self, turn: Turn, meeting: Meeting, registration: Registration, head: Msg) -> list[Reply]:
        """The head line, the card as this person stands, the booking code, the map link and .ics."""
        text = await _card(turn, meeting, registration, head)
        code = turn.t(CODE.bind(code=registration.code)) if registration.code else None
        document = replace(
            ics(meeting, contained(texts.title(meeting, turn.t)), registration.id, code), unsent=turn.t(ICS_UNSENT)
        )
        return [Reply(text, _cancel_rows(turn, registration), document=document)]

    async def _already(self, turn: Turn, meeting: Meeting, registration: Registration, head: Msg) -> list[Reply]:
        """A button pressed again: the head line and the card as this person stands (registered or n° k waiting),
        with the cancel button, then the menu; no calendar file again. (A press delivered again after a crash or an
        outage may be the first the person sees answered: the menu is what lets them go on.)"""
        text = await _card(turn, meeting, registration, head)
        return [Reply(text, _cancel_rows(turn, registration)), main_menu(turn.t)]

    async def mine(self, turn: Turn) -> list[Reply]:
        """The person's registrations to come, each with a cancel button."""
        found = await registrations_of(turn.session, turn.person.id, turn.now)
        lost = await lost_offers(turn.session, turn.person.id, turn.now)
        if not found and not lost:
            return [main_menu(turn.t, prefix=turn.t(NO_REGISTRATIONS))]
        lines = [turn.t(MY_LIST)]
        rows: list[tuple[Button, ...]] = []
        for registration, meeting in found:
            rank = await waiting_position(turn.session, registration) if registration.status == "waiting" else 0
            takes = _may_take(meeting, registration) and meeting.starts_at > turn.now  # offered, or waiting: seat free
            said = STATUS_FREE if takes and registration.status == "waiting" else STATUS[registration.status]
            status = turn.t(said.bind(rank=rank))
            lines.append(
                f"• {contained(texts.title(meeting, turn.t))} — {texts.short_when(meeting, turn.t)} ({status})"
            )
            if registration.code and registration.status == "registered":  # shown at the door: once a seat is held
                lines.append(f"   🎫 {turn.t(CODE_SHORT.bind(code=registration.code))}")
            if takes:
                rows.append((routes.TAKE_SEAT.button(turn.t(TAKE_SEAT), registration.id),))
            if meeting.starts_at <= turn.now or not cancellable(registration):  # under way, or welcomed already
                continue
            rows.append(
                (
                    routes.CANCEL.button(
                        turn.t(msg("✖ Annuler : {title}", "meeting", title=texts.short_when(meeting, turn.t))),
                        registration.id,
                        "ask",
                    ),
                )
            )
        for _lost, meeting in lost:  # the bot could not reach them: the seat went on, they may come back
            when = texts.short_when(meeting, turn.t)
            lines.append(f"• {contained(texts.title(meeting, turn.t))} — {when} ({turn.t(LOST_STATUS)})")
            again = turn.t(msg("↩ Me réinscrire : {title}", "meeting", title=when))
            rows.append((routes.REGISTER.button(again, meeting.id),))
        rows.append(_menu_row(turn))
        return [Reply(turn.t.lines("\n".join(lines)), tuple(rows))]

    async def cancel(self, turn: Turn, registration_id: int, *, confirmed: bool) -> list[Reply]:
        """Ask once, then cancel: reminders go, the seat is offered to the next person waiting; an old button says
        why there is nothing to cancel any more (already cancelled, welcomed, begun, over, the session withdrawn)."""
        registration = await get_registration(turn.session, registration_id)
        meeting = None
        if registration is not None and registration.person_id == turn.person.id:
            meeting = await get_meeting(turn.session, registration.meeting_id)
        if registration is None or meeting is None:
            return [main_menu(turn.t, prefix=turn.t(GONE))]
        refusal = _no_cancel(turn, registration, meeting)
        if refusal is not None:
            return [main_menu(turn.t, prefix=turn.t(refusal))]
        waiting = registration.status == "waiting"
        if not confirmed:
            title, when = texts.title(meeting, turn.t), texts.when(meeting, turn.t)
            question = (CONFIRM_LEAVE_LIST if waiting else CONFIRM_CANCEL).bind(title=title, when=when)
            # TRANSLATORS: buttons under « leave the waiting list? »: at most 40 characters, what a phone shows.
            yes = msg("Oui, quitter la liste", "meeting") if waiting else msg("Oui, annuler", "meeting")
            no = msg("Non, je reste sur la liste", "meeting") if waiting else msg("Non, je garde ma place", "meeting")
            rows = (
                (routes.CANCEL.button(turn.t(yes), registration.id, "yes"),),
                (routes.MENU.button(turn.t(no), "registrations"),),
            )
            return [Reply(turn.t(question), rows)]
        try:
            await give_up(turn.session, registration, meeting, turn.now, self.quiet)
        except WelcomedError:  # marked present between the question and the answer
            return [main_menu(turn.t, prefix=turn.t(WELCOMED.bind(title=texts.title(meeting, turn.t))))]
        return [main_menu(turn.t, prefix=turn.t(LEFT_LIST if waiting else CANCELLED))]

    async def take(self, turn: Turn, registration_id: int) -> list[Reply]:
        """Take a freed seat before the deadline (the session not begun), or a free seat from the waiting list;
        pressed again, the seat is still theirs (no calendar file again); too late, the session's page to join its
        list again."""
        registration = await get_registration(turn.session, registration_id)
        meeting = None if registration is None else await _open(turn, registration.meeting_id)
        if registration is None or registration.person_id != turn.person.id or meeting is None:
            return [main_menu(turn.t, prefix=turn.t(GONE))]
        if registration.status == "registered":  # the button pressed twice
            return await self._already(turn, meeting, registration, ALREADY)
        if registration.status == "waiting":
            return await self._take_free(turn, meeting, registration)
        if not await accept_offer(turn.session, registration, turn.now):
            lost = registration.status == "cancelled" and registration.offer_lost_at is not None
            head = OFFER_LOST.bind(title=texts.title(meeting, turn.t)) if lost else OFFER_EXPIRED
            return [Reply(turn.t(head)), *await self.show(turn, meeting.id)]
        await schedule_reminders(turn.session, registration, meeting, turn.now)
        return [*await self._status(turn, meeting, registration, SEAT_TAKEN), main_menu(turn.t)]

    async def _take_free(self, turn: Turn, meeting: Meeting, registration: Registration) -> list[Reply]:
        """Someone waiting takes a free seat; taken by someone else first, they stay waiting and read their number."""
        settled = await take_free(turn.session, meeting, registration, turn.now)
        if settled is None:
            rank = await waiting_position(turn.session, registration)
            return [Reply(turn.t(SEAT_GONE.bind(rank=rank))), *await self.show(turn, meeting.id)]
        head = CONFIRMED_NOW if settled == "confirmed" else SEAT_TAKEN
        return [*await self._status(turn, meeting, registration, head), main_menu(turn.t)]

    async def coming(self, turn: Turn, registration_id: int) -> list[Reply]:
        """The answer "I'll come" to a reminder."""
        found = await _own(turn, registration_id)
        return [main_menu(turn.t, prefix=turn.t(SEE_YOU if found else GONE))]


def interest(count: int, needed: int) -> Msg:
    """Interest noted: `count` of the `needed` registrations that confirm the date."""
    # TRANSLATORS: {count} people are registered so far; {n} registrations confirm the date.
    return plural(
        "📣 Votre intérêt est noté ({count} sur {n}). La date sera confirmée à tout le monde dès que {n} personne "
        "sera inscrite.",
        "📣 Votre intérêt est noté ({count} sur {n}). La date sera confirmée à tout le monde dès que {n} personnes "
        "seront inscrites.",
        needed,
        "meeting",
        count=count,
    )


async def _yours(turn: Turn, registration: Registration | None, meeting: Meeting) -> str | None:
    """Where this person stands for the meeting (waiting while a seat is free: that they may take it), or None when
    they hold no registration."""
    if registration is None or registration.status not in YOURS:
        return None
    rank = await waiting_position(turn.session, registration) if registration.status == "waiting" else 0
    free = registration.status == "waiting" and seat_free(meeting)
    said = YOURS_FREE if free else YOURS[registration.status]
    return turn.t(said.bind(rank=rank))


async def _card(turn: Turn, meeting: Meeting, registration: Registration, head: Msg) -> str:
    """The head line, the card as this person stands, the booking code once they hold a seat, the map link."""
    yours = await _yours(turn, registration, meeting)
    card = _with_code(turn, "\n\n".join([turn.t(head), texts.details(meeting, turn.t, yours)]), registration)
    return "\n\n".join([card, turn.t(MAP.bind(link=texts.map_link(meeting)))])


def _may_take(meeting: Meeting, registration: Registration) -> bool:
    """Whether a button to take a seat is theirs: a seat offered to them, or a seat free while they wait."""
    return registration.status == "offered" or (registration.status == "waiting" and seat_free(meeting))


def _page_rows(turn: Turn, meeting: Meeting, own: Registration | None) -> tuple[tuple[Button, ...], ...]:
    """On a session's page: Register for someone without a registration; else the button to take a seat offered or
    free, and the one to cancel or leave the waiting list (none once welcomed at the door)."""
    if own is None:
        return ((routes.REGISTER.button(turn.t(REGISTER), meeting.id),),)
    take = ((routes.TAKE_SEAT.button(turn.t(TAKE_SEAT), own.id),),) if _may_take(meeting, own) else ()
    return (*take, *_cancel_rows(turn, own))


def _no_cancel(turn: Turn, registration: Registration, meeting: Meeting) -> Msg | None:
    """Why this registration can no longer be cancelled, as the person reads it; None while it can."""
    title = texts.title(meeting, turn.t)
    if meeting.status != "scheduled":  # withdrawn by staff: its registrations were cancelled with it
        return GONE
    if not cancellable(registration):  # a button from before the check-in (a reminder's, the session's page)
        return WELCOMED.bind(title=title)
    if registration.status == "cancelled":
        return ALREADY_CANCELLED.bind(title=title)
    if is_over(meeting, turn.now):
        return TOOK_PLACE.bind(title=title)
    if meeting.starts_at <= turn.now:
        return BEGUN.bind(title=title)
    return None


async def _open(turn: Turn, meeting_id: int) -> Meeting | None:
    meeting = await get_meeting(turn.session, meeting_id)
    if meeting is None or meeting.status != "scheduled" or meeting.starts_at <= turn.now:
        return None
    return meeting


async def _own(turn: Turn, registration_id: int) -> tuple[Registration, Meeting] | None:
    registration = await get_registration(turn.session, registration_id)
    if registration is None or registration.person_id != turn.person.id or registration.status == "cancelled":
        return None
    meeting = await get_meeting(turn.session, registration.meeting_id)
    return (registration, meeting) if meeting is not None else None


def _with_code(turn: Turn, text: str, registration: Registration) -> str:
    """The text, then the booking code the person shows at the door, once they hold a seat (none on the waiting list
    or for a seat only offered)."""
    if not registration.code or registration.status != "registered":
        return text
    return f"{text}\n\n🎫 {turn.t(CODE.bind(code=registration.code))}"


def _kind_rows(turn: Turn, meetings: list[Meeting]) -> tuple[tuple[Button, ...], ...]:
    """A button per kind of these meetings, with how many dates each has, in the reader's digits ("(۲)" in Persian)."""
    kinds = dict.fromkeys(m.kind for m in meetings)
    return tuple(
        (
            routes.SESSION_KIND.button(
                f"{turn.t(texts.kind_name(k))} ({turn.t.format(sum(m.kind == k for m in meetings))})", k
            ),
        )
        for k in kinds
    )


def _cancel_rows(turn: Turn, registration: Registration) -> tuple[tuple[Button, ...], ...]:
    """The button to cancel this registration (to leave the waiting list); none once welcomed at the door."""
    if not cancellable(registration):
        return ()
    label = LEAVE_LIST if registration.status == "waiting" else CANCEL_MINE
    return ((routes.CANCEL.button(turn.t(label), registration.id, "ask"),),)


def _menu_row(turn: Turn) -> tuple[Button, ...]:
    return (routes.MENU.button(turn.t(MENU_BUTTON), "main"),)
