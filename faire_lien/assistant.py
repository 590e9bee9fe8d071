"""The assistant: one incoming event from one person → replies, with all state in the session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs import engine
from dialogs.i18n import best_language, language_name, translator
from dialogs.reply import Reply
from dialogs.schema import Flow
from dialogs.steps import decode
from dialogs.steps.nav import Help
from dialogs.text import Msg, msg
from faire_lien import routes
from faire_lien.cases.desk import CaseDesk
from faire_lien.cases.person import PersonCases
from faire_lien.cases.policy import CasePolicy
from faire_lien.core import links, screens
from faire_lien.core.cancel import cancel
from faire_lien.core.contacts import Contacts
from faire_lien.core.finish import Finishers, Registration, for_category, for_flows, for_grids
from faire_lien.core.inbound import Inbound
from faire_lien.core.late import late
from faire_lien.core.on_screen import note_screen, paused
from faire_lien.core.roles import may, role
from faire_lien.core.runner import FlowRunner, for_someone_else, staff_questionnaire
from faire_lien.core.screens import STALE_BUTTON, UNKNOWN_COMMAND
from faire_lien.core.turn import Turn
from faire_lien.core.welcome import draft_notice, newcomer
from faire_lien.grids.finish import store_result
from faire_lien.outbox import screens as outbox_screens
from faire_lien.person import information
from faire_lien.person.anonymous import LOST, AnonymousChecks
from faire_lien.person.blocking import wrote_again
from faire_lien.person.glossary import explained, mediated
from faire_lien.person.my_data import KEPT, ask_forget, forget, my_data
from faire_lien.person.offers import Offers, callback_finisher
from faire_lien.person.understand import explain, flag
from faire_lien.sessions.publish import publisher
from faire_lien.sessions.screens import GONE, MeetingScreens
from faire_lien.staff import revoking
from faire_lien.staff.console_links import console_screen
from faire_lien.staff.on_behalf import REQUEST_FLOWS, OnBehalf, record_request
from faire_lien.staff.screens import (
    StaffScreens,
    yearly_report,
)
from faire_lien.staff.team import BAD_CODE, audit_log, make_invite, team, use_invite
from faire_lien.staff.with_someone import WithSomeone
from faire_lien.surveys.invitations import about as survey_about
from faire_lien.surveys.invitations import mark_answered, start_survey
from storage.models import Conversation
from storage.people import Identity, find_person, find_person_at, record_consent
from storage.types import utcnow
from storage.updates import first_time, lock_person, pressed_just_before

ONLY_TEXT = msg(
    "Je ne peux lire que du texte et les boutons : "
    "les photos, fichiers, messages vocaux, vidéos, autocollants, positions ou contacts ne sont pas pris en compte.",
    "notice",
)
FORWARDED = msg("Un message transféré n'est pas pris comme réponse : écrivez votre réponse vous-même.", "notice")
EARLIER_QUESTION = msg(
    "Vous avez répondu à une question précédente : ce message n'est pas pris comme réponse. "
    "Pour changer une réponse, utilisez « ◀ Retour ». Voici la question en cours.",
    "notice",
)
EDITED = msg("Un message modifié n'est pas pris en compte : envoyez plutôt une nouvelle réponse.", "notice")
EDITED_IN_FLOW = msg(
    "Un message modifié n'est pas pris en compte : pour répondre à la question en cours, envoyez un nouveau message ; "
    "pour changer une réponse déjà donnée, utilisez « ◀ Retour ».",
    "notice",
)
"""`EDITED` mid-questionnaire: the edited message most often answered an earlier question, and the same text sent again
would answer the one on screen (a year of birth taken as the partner's)."""
USE_MENU = msg("Choisissez une option avec les boutons.", "notice")
BUTTONS_ABOVE = msg(
    "Ce message n'est lu par personne ici : choisissez une option avec les boutons du message au-dessus, ou ouvrez "
    "le menu.",
    "notice",
)
"""Text typed outside a questionnaire, by someone who agreed: the screen they were on stays, its buttons still work."""
DOUBLE_PRESS = timedelta(seconds=3)
"""Within this time, the same button pressed again on the same message is a double tap (`Assistant.handle`)."""
RESUMING = msg("Bon retour ! On reprend où vous en étiez.", "notice")
STILL_OPEN = msg("Votre questionnaire reste ouvert : le menu est au-dessus. Reprenons :", "notice")
WELCOME_BACK = msg("Bon retour !", "notice")
NO_FLOW = msg("Ce service n'est pas encore disponible ici. Un professionnel peut vous accompagner.", "notice")
NO_SCREENING = msg(
    "Aucun questionnaire de repérage n'est encore proposé ici. Un professionnel peut vous en proposer un.", "notice"
)
PICK_FLOW = msg("Quel questionnaire voulez-vous remplir ?", "notice")

HELP = {Help.EXPLAIN: explain, Help.FLAG: flag}
THANKS = msg("Merci ! Vos réponses sont enregistrées.", "flow")
CONFIRMED_BY_CARD = frozenset({"survey", "request"})
"""Questionnaires whose card says what happened (a survey thanks; a request says it is recorded, or that nothing was
sent when the person said no): the menu under it then adds no « Merci ! Vos réponses sont enregistrées »."""
CATEGORY_OF_MENU = {"rights": "rights", "screening": "screening"}
EMPTY_CATEGORY = {"rights": NO_FLOW, "screening": NO_SCREENING}


class Assistant:
    """Channel-independent core shared by the Telegram bot and the terminal chat."""

    flows: dict[str, Flow]
    languages: list[str]
    runner: FlowRunner
    staff: StaffScreens
    meetings: MeetingScreens
    offers: Offers
    with_someone: WithSomeone
    on_behalf: OnBehalf
    cases: PersonCases
    case_desk: CaseDesk

    def __init__(
        self,
        flows: dict[str, Flow],
        languages: list[str],
        clock: Callable[[], datetime] = utcnow,
        contacts: Contacts | None = None,
        console_url: str = "http://127.0.0.1:8080",
        cases: CasePolicy | None = None,
        bot_username: str | None = None,
    ) -> None:
        self.flows = flows
        self.console_url = console_url
        self.contacts = contacts = contacts or Contacts()
        self.languages = languages
        self.clock = clock
        self.case_policy = policy = cases or CasePolicy()
        self.staff = StaffScreens(policy.quiet)
        # Order matters: a flow's own finisher stores its effect before the grid result is kept.
        store_callback = callback_finisher(policy, contacts)
        finishers = Finishers(
            [
                Registration(for_category("survey"), mark_answered),
                Registration(for_flows("callback", "facilitator_meeting", *REQUEST_FLOWS.values()), store_callback),
                Registration(for_flows(*REQUEST_FLOWS.values()), record_request),
                Registration(for_flows("publish_session"), publisher(bot_username)),
                Registration(for_grids, store_result),
            ]
        )
        self.runner = FlowRunner(flows, finishers)
        self.meetings = MeetingScreens(policy.quiet)
        self.offers = Offers(self.runner, self.current, self.meetings, contacts)
        self.with_someone = WithSomeone(self.runner, languages, self.current, self.staff_home)
        self.on_behalf = OnBehalf(self.runner, self.current, self.staff_home, contacts)
        self.anonymous = AnonymousChecks(flows.get("rights_check"))
        self.cases = PersonCases(self.runner, self.current, policy, contacts)
        self.case_desk = CaseDesk(console_url, self.staff_home, flows, policy.quiet)

    async def language_of(self, session: AsyncSession, who: Identity, hint: str | None) -> str:
        """The language the person chose, or the nearest to their device's (`hint`) when they chose none yet."""
        person = await find_person(session, who)
        return person.language if person else best_language(hint, self.languages)

    async def handle(self, session: AsyncSession, who: Identity, inbound: Inbound) -> list[Reply]:
        """Everything shown in answer to one event; the caller commits before showing it.

        A button pressed twice in a row on the same message within `DOUBLE_PRESS` (a double tap, or a second tap while
        the first one's answer was on its way) shows nothing the second time: the first press's screen is the answer.
        """
        now = self.clock()
        press = inbound.press if inbound.kind == "action" else None
        since = now - DOUBLE_PRESS
        if inbound.update_id is None:  # the terminal chat: no update id to record, only the person's lock
            await lock_person(session, who)
        elif not await first_time(session, inbound.update_id, now, who, press):
            return await self._again(session, who, inbound)
        elif press is not None and await pressed_just_before(session, who, press, since, inbound.update_id):
            return []  # a double tap: the first press's screen is on its way
        return await self._fresh(session, who, inbound)

    async def _again(self, session: AsyncSession, who: Identity, inbound: Inbound) -> list[Reply]:
        """An update already handled (a crash cut its reply): the same screen again, nothing changed twice.

        In a questionnaire the current question is shown. Elsewhere (menus, session pages, newcomers'
        screens) the update is handled once more inside a savepoint that is rolled back, so the reply is
        rebuilt from what is stored and nothing is written.
        """
        person = await find_person(session, who)
        if person is not None and person.consented:
            turn = Turn(session, person, translator(person.language), self.clock())
            conversation = await self.runner.active(turn)
            if conversation is not None:
                asked = await self.current(turn)
                note_screen(conversation, asked, person.turn, turn.now)  # the question is on screen again
                return asked
        replay = await session.begin_nested()
        try:
            return await self._fresh(session, who, inbound)
        finally:
            await replay.rollback()
            session.expire_all()  # the replay's writes are undone, those made with Core statements too

    async def _fresh(self, session: AsyncSession, who: Identity, inbound: Inbound) -> list[Reply]:
        """The replies to an event seen for the first time, its effects added to the session."""
        if inbound.update_id is None:
            person, after_next = await find_person(session, who), False
        else:  # the same query says whether a later update of theirs was handled already (storage/updates.py)
            person, after_next = await find_person_at(session, who, inbound.update_id)
        language = person.language if person else best_language(inbound.language_hint, self.languages)
        t = translator(language)
        if person is None:
            return await newcomer(session, who, inbound, self.languages, self.clock(), self.follow, self.contacts)
        await wrote_again(session, person, self.clock())  # writing unblocks the bot (its update may have been lost)
        turn = Turn(session, person, t, self.clock(), inbound.first_name)
        before = mediated(turn, await self.runner.active(turn))
        replies = await self._routed(turn, inbound, after_next=after_next)
        after = await self.runner.active(turn)
        replies = self._resumable(turn, after, replies)
        self._note_screen(turn, after, replies)
        return await explained(turn, replies, mediated(turn, after) or before or turn.reader)

    def _resumable(self, turn: Turn, conversation: Conversation | None, replies: list[Reply]) -> list[Reply]:
        """A main menu shown last over a questionnaire in progress (« 📨 Mes demandes » with none, a registration, no
        session published…) leads back to it: « Reprendre « … » » above its buttons, as after /cancel."""
        if conversation is None or not replies or not screens.is_main_menu(replies[-1]):
            return replies
        t = translator(turn.person.language)  # the language just chosen, if it changed
        flow = self.flows.get(conversation.flow_id)
        title = t(flow.title, flow.context) if flow is not None else conversation.flow_id
        return [*replies[:-1], screens.with_resume(replies[-1], t, title)]

    def _note_screen(self, turn: Turn, conversation: Conversation | None, replies: list[Reply]) -> None:
        """Remember whether the questionnaire in progress (stored, or anonymous) is still the last thing on screen:
        typed text answers it only then."""
        if conversation is not None:
            note_screen(conversation, replies, turn.person.turn, turn.now)
        elif not turn.person.consented:
            self.anonymous.note_screen(turn, replies)

    async def _routed(self, turn: Turn, inbound: Inbound, *, after_next: bool = False) -> list[Reply]:
        """What a command, a button, a message or anything else shows a known person.

        Text that arrived `after_next` (handled after a later update of the person's) is never taken as an answer:
        the late-message notice, then the question as it is now. Late commands are handled as usual; a late button
        press carries its turn, which is checked as for any old button.
        """
        if inbound.kind in ("command", "action") and turn.person.in_case is not None:
            await self.case_desk.stop_writing(turn)  # a staff member who went elsewhere sends nothing by mistake
        if inbound.kind == "command":
            return await self._command(turn, inbound.value, inbound.argument)
        if inbound.kind == "action":
            return await self._pressed(turn, inbound.value)
        if inbound.kind == "text":
            answered = self._answered_case(inbound)
            if answered is not None and may(await role(turn), "cases"):
                return await self.case_desk.reply(turn, answered, inbound.value)
            if after_next and not inbound.forwarded:
                notice = late(inbound.value)
                return await self._text(turn, inbound.value, aside=notice, otherwise=notice)
            aside = FORWARDED if inbound.forwarded else EARLIER_QUESTION if self._earlier(turn, inbound) else None
            return await self._text(turn, inbound.value, aside=aside)
        return await self._not_text(turn, edited=inbound.kind != "media")

    async def _not_text(self, turn: Turn, *, edited: bool) -> list[Reply]:
        """An edit, or a photo or voice message: where typed text would reach staff (a conversation, or an open
        request before staff wrote), what the team will not see; else the question's notice."""
        in_case = await self.cases.not_text(turn, edited=edited)
        active = await self.runner.active(turn) if turn.person.consented else None
        to_request = turn.person.consented and not self._answers_question(turn, active, None, None)
        if in_case is None and to_request:
            in_case = await self.cases.not_added(turn, edited=edited)
        in_flow = active is not None or (
            not turn.person.consented and self.anonymous.held(turn.person.id, turn.now) is not None
        )
        notice = (EDITED_IN_FLOW if in_flow else EDITED) if edited else ONLY_TEXT
        return in_case or await self.current(turn, [notice])

    def _earlier(self, turn: Turn, inbound: Inbound) -> bool:
        """Text sent with Telegram's "Reply" on a question asked earlier (its buttons carry an older turn); for
        someone who refused storage, an earlier question of their anonymous check."""
        person = turn.person
        current = person.turn if person.consented else self.anonymous.turn_of(person.id, turn.now)
        for action in inbound.replying_to:
            pressed = routes.find(action)
            if pressed is not None and pressed.route is routes.FLOW_BUTTON and int(pressed.args[0]) != current:
                return True
        return False

    @staticmethod
    def _answered_case(inbound: Inbound) -> int | None:
        """The case a staff member answers by replying to its notice or to the person's relayed message."""
        for action in inbound.replying_to:
            pressed = routes.find(action)
            if pressed is not None and pressed.route in routes.CASE_REPLY_ROUTES:
                return int(pressed.args[0])
        return None

    async def current(self, turn: Turn, notices: list[Msg] | None = None) -> list[Reply]:
        """Where the person is: their question (of their anonymous check, when they refused storage), or their
        menu, after optional notices."""
        notes = notices or []
        prefix = "\n\n".join(turn.t(n) for n in notes)
        if not turn.person.consented:
            anonymous = self.anonymous.asked(turn, notes)
            return anonymous if anonymous is not None else [screens.info_menu(turn.t, prefix=prefix)]
        conversation = await self.runner.active(turn)
        if conversation is not None:
            return await self.runner.ask(turn, conversation, notes)
        return [screens.main_menu(turn.t, prefix=prefix)]

    async def _command(self, turn: Turn, name: str, argument: str = "") -> list[Reply]:
        if name == "start" and links.is_session_link(argument) and links.session_id(argument) is None:
            return await self.current(turn, [GONE])  # as for a link to a session that no longer exists
        link = links.kept(argument) if name == "start" else None
        if link is not None:  # a poster's session, a staff invitation
            return await self.follow(turn, link) if turn.person.consented else [screens.consent(turn.t, then=link)]
        if name == "start":
            conversation = await self.runner.active(turn) if turn.person.consented else None
            if conversation is not None:
                return await self.runner.ask(turn, conversation, [RESUMING])
            return await self.current(turn, [WELCOME_BACK])
        if name == "cancel":
            return await cancel(self.runner, self.flows, turn)
        if name == "mydata":  # then where they were, as after /help: the file is not the end of the conversation
            return [*await my_data(turn, self.flows), *await self.current(turn)]
        if name == "forget":
            return ask_forget(turn)
        if name in ("staff", "invite", "console"):
            return await self._staff_command(turn, name, argument)
        if name in ("menu", "help", "privacy", "language"):
            return await self.menu(turn, "main" if name == "menu" else name)
        return await self.current(turn, [UNKNOWN_COMMAND])

    async def _text(self, turn: Turn, text: str, *, aside: Msg | None = None, otherwise: Msg = USE_MENU) -> list[Reply]:
        """Typed text: relayed in a conversation with staff, else the answer to the question in progress.

        A person with an open request that promised « Vous pourrez lui écrire ici » has their text added to it, unless
        it answers a question waiting for a typed answer on screen.

        Text set `aside` (forwarded, a reply to an earlier question, arrived late) is relayed too, but never taken as
        an answer: the current question is asked again after that notice. So is text typed while another page is
        under the question (faire_lien/core/on_screen.py): the person reads that their questionnaire is paused.
        Without a questionnaire, the menu is shown under `otherwise`.
        """
        if turn.person.in_case is not None:  # talking with a staff member, or a staff member writing to someone
            relayed = await self.cases.typed(turn, text) or await self.case_desk.typed(turn, text)
            if relayed is not None:
                return relayed
            turn.person.in_case = None  # the case was closed or erased meanwhile
        if turn.person.consented:
            conversation = await self.runner.active(turn)
            if not self._answers_question(turn, conversation, aside, text):
                added = await self.cases.added(turn, text)  # an open request that promised « écrire ici »
                if added is not None:
                    return added
            if conversation is not None and aside is None and conversation.hidden_at is not None:
                aside = paused(self.flows.get(conversation.flow_id), conversation.flow_id)  # another page is on screen
            if conversation is not None and aside is not None:
                return await self.runner.ask(turn, conversation, [aside])
            if conversation is not None:
                return await self._answer(turn, conversation, engine.Typed(text))
        else:
            anonymous = self.anonymous.typed(turn, text) if aside is None else self.anonymous.aside(turn, aside)
            if anonymous is not None:
                return anonymous
        if turn.person.consented and otherwise is USE_MENU:
            # The screen above (a session's page, a list, a staff screen) keeps its buttons: the menu is one press away.
            return [Reply(turn.t(BUTTONS_ABOVE), ((routes.MENU.button(turn.t(screens.MENU_BUTTON), "main"),),))]
        return await self.current(turn, [otherwise])

    def _answers_question(
        self, turn: Turn, conversation: Conversation | None, aside: Msg | None, text: str | None
    ) -> bool:
        """Whether typed text is the answer to the question on screen (one answered by typing, or a button's value
        typed: « 8 » on a 0–10 scale), or belongs to the questionnaire a staff member fills in for someone else; else
        it may go to the person's open request (`text` None: a photo or an edit, answering only a typed question)."""
        if conversation is None:
            return False
        if for_someone_else(turn, conversation):
            return True
        if aside is not None or conversation.hidden_at is not None:
            return False
        if text is None:
            return self.runner.awaits_typing(conversation)
        return self.runner.answered_by(turn, conversation, text)

    async def _pressed(self, turn: Turn, data: str) -> list[Reply]:
        """A button: its route's consent and permission checks, then its handler (see faire_lien/routes.py)."""
        pressed = routes.find(data)
        if pressed is None:
            return await self.current(turn, [STALE_BUTTON])
        route = pressed.route
        if route is routes.REGISTER and not turn.person.consented:  # agreeing leads back to this session
            return [screens.consent(turn.t, prefix=turn.t(screens.NEEDS_CONSENT), then=f"s_{pressed.args[0]}")]
        if route is routes.FLOW_BUTTON and not turn.person.consented:  # an anonymous check's question
            anonymous = self.anonymous.press(turn, int(pressed.args[0]), pressed.args[1])
            return anonymous if anonymous is not None else await self.current(turn, [LOST])
        if route.consent and not turn.person.consented:
            return await self.current(turn, [screens.NEEDS_CONSENT])
        if route.permission is not None and not may(await role(turn), route.permission):
            return await self.current(turn, [STALE_BUTTON])  # staff buttons look stale to anyone else
        return await route.handler(self, turn, pressed.args)

    async def _staff_command(self, turn: Turn, name: str, argument: str) -> list[Reply]:
        """/staff, /invite and /console; anyone without the role gets the unknown-command answer."""
        who = await role(turn)
        if name == "staff" and may(who, "menu"):
            return await self.staff_home(turn)
        if name == "invite" and may(who, "invite"):
            return await make_invite(turn, argument.strip().lower())
        if name == "console" and may(who, "menu"):
            return await self.console(turn)
        return await self.current(turn, [UNKNOWN_COMMAND])

    async def forget(self, turn: Turn, *, confirmed: bool) -> list[Reply]:
        """/forget confirmed: everything erased; declined: nothing changes."""
        if confirmed:
            self.anonymous.forget(turn.person.id)
            return await forget(turn, self.flows, self.case_policy.quiet)
        return await self.current(turn, [KEPT])

    async def start_survey(self, turn: Turn, invitation_id: int, *, replace: str | None = None) -> list[Reply]:
        """Open the survey a person was invited to (or offer to resume the questionnaire in progress)."""
        return await start_survey(self.runner, turn, invitation_id, replace=replace)

    async def team(self, turn: Turn) -> list[Reply]:
        """The staff list."""
        return await team(turn)

    async def audit_log(self, turn: Turn) -> list[Reply]:
        """The latest staff reads and exports."""
        return await audit_log(turn)

    async def console(self, turn: Turn) -> list[Reply]:
        """A one-time sign-in link to the staff console."""
        return await console_screen(turn, self.console_url)

    async def staff_home(self, turn: Turn) -> list[Reply]:
        """The staff menu again, with a way to drop a questionnaire left open with someone."""
        who = await role(turn)
        assert who is not None  # the route checked the permission
        open_with_someone = for_someone_else(turn, await self.runner.active(turn))
        return await self.staff.menu(turn, who, open_with_someone=open_with_someone)

    async def undelivered(self, turn: Turn) -> list[Reply]:
        """Messages not delivered or uncertain, for staff to follow up."""
        return await outbox_screens.undelivered(turn)

    async def resend(self, turn: Turn, message_id: int, *, confirmed: bool) -> list[Reply]:
        """A message sent again once staff confirm (they checked an uncertain one with the person)."""
        return await outbox_screens.resend(turn, message_id, confirmed=confirmed)

    async def ask_revoke(self, turn: Turn, telegram_id: int) -> list[Reply]:
        """Whether to take a staff member's role away: yes, or back to the team."""
        return await revoking.ask(turn, telegram_id)

    async def revoke(self, turn: Turn, telegram_id: int, granted: int) -> list[Reply]:
        """A staff member's role taken away once confirmed, unless the team's rules refuse or the role changed since."""
        return await revoking.confirm(turn, telegram_id, granted, self.case_policy)

    async def yearly_report(self, turn: Turn, year: int) -> list[Reply]:
        """The yearly indicators."""
        return await yearly_report(turn, year, self.flows)

    async def information(self, turn: Turn, key: str) -> list[Reply]:
        """One information page (no consent needed), with where to ask from the configuration."""
        return information.page(turn, key, self.contacts)

    async def follow(self, turn: Turn, link: str) -> list[Reply]:
        """Land where a /start link points: a session's page, or the welcome to the team."""
        code = links.invite_code(link)
        if code is not None:  # a code that is not valid: then the question in progress, as for a session gone
            welcome = await use_invite(turn, code)
            return welcome if welcome is not None else await self.current(turn, [BAD_CODE])
        meeting_id = links.session_id(link)
        if meeting_id is None or not await self.meetings.offered(turn, meeting_id):
            return await self.current(turn, [GONE])  # then the question in progress, as /start shows it
        return await self.meetings.show(turn, meeting_id)

    async def set_language(self, turn: Turn, language: str, then: str | None = None) -> list[Reply]:
        """The person's language changed, said in the new language; then the link they came with, if any."""
        if language not in self.languages:
            return await self.current(turn, [STALE_BUTTON])
        turn.person.language = language
        turn = replace(turn, t=translator(language))
        notices = [screens.LANGUAGE_SET.bind(language=language_name(language)), *draft_notice(turn)]
        if then is not None:
            said = Reply("\n\n".join(turn.t(n) for n in notices))
            if not turn.person.consented:
                return [said, screens.consent(turn.t, then=then)]
            return [said, *await self.follow(turn, then)]
        return await self.current(turn, notices)

    async def consent_again(self, turn: Turn, choice: str, then: str | None = None) -> list[Reply]:
        """Consent given later (from the information menu, or when a link needs it); then the link, if any."""
        if choice == "info":
            if then is not None and not turn.person.consented:
                return [Reply(screens.privacy(turn.t, self.contacts)), screens.consent(turn.t, then=then)]
            return [Reply(screens.privacy(turn.t, self.contacts)), *await self.current(turn)]
        if choice == "yes" and not turn.person.consented:
            self.anonymous.forget(turn.person.id)  # the anonymous answers stay unrecorded
            record_consent(
                turn.person,
                accepted=True,
                language=turn.person.language,
                version=screens.CONSENT_VERSION,
                at=turn.now,
            )
            accepted = "\n\n".join(turn.t(n) for n in [screens.ACCEPTED, *draft_notice(turn)])
            if then is not None:
                return [Reply(accepted), *await self.follow(turn, then)]
            return [screens.main_menu(turn.t, prefix=accepted)]
        if choice == "yes" and then is not None:
            return await self.follow(turn, then)
        return await self.current(turn, [STALE_BUTTON] if choice == "no" and turn.person.consented else [])

    async def menu(self, turn: Turn, item: str) -> list[Reply]:
        """One entry of the main or information menu."""
        t = turn.t
        if item == "help":
            return [Reply(t(screens.HELP)), *await self.current(turn)]
        if item == "privacy":
            return [Reply(screens.privacy(t, self.contacts)), *await self.current(turn)]
        if item == "language":
            return [screens.language_choice(t, self.languages, routes.SET_LANGUAGE, greet=False)]
        if item == "consent":
            return [screens.consent(t)] if not turn.person.consented else await self.current(turn)
        if item == "main":  # over a questionnaire on screen, its question comes back under the menu, as after /help
            if not turn.person.consented:
                return [screens.info_menu(t)]
            conversation = await self.runner.active(turn)
            if conversation is None or conversation.hidden_at is not None:  # none, or set aside (/cancel, a page)
                return [screens.main_menu(t)]  # « Reprendre « … » » added over a questionnaire set aside
            return [screens.main_menu(t), *await self.runner.ask(turn, conversation, [STILL_OPEN])]
        if item == "anonymous":  # a rights check held in memory only, for someone who did not agree to storage
            if turn.person.consented or not self.anonymous.offered:
                return await self.menu(turn, "rights")
            held = self.anonymous.held(turn.person.id, turn.now)
            return self.anonymous.ask(turn) if held is not None else self.anonymous.start(turn)
        if item == "information":
            return information.index(turn)
        if item == "sessions":  # reading what is coming needs no consent; registering asks for it
            return await self.meetings.kinds(turn)
        if not turn.person.consented:
            return await self.current(turn, [screens.NEEDS_CONSENT])
        if item == "registrations":
            return await self.meetings.mine(turn)
        if item == "requests":
            return await self.cases.mine(turn)
        if item == "person":  # the call-back questions, without a result card first
            return await self.offers.talk(turn)
        return await self._category(turn, CATEGORY_OF_MENU[item])

    async def _category(self, turn: Turn, category: str) -> list[Reply]:
        flows = [f for f in self.flows.values() if f.category == category]
        if not flows:
            return [screens.main_menu(turn.t, prefix=turn.t(EMPTY_CATEGORY[category]))]
        if len(flows) == 1:
            return await self.start_flow(turn, flows[0].id)
        rows = tuple((routes.GO.button(turn.t(f.title, f.context), f.id),) for f in flows)
        return [Reply(turn.t(PICK_FLOW), rows)]

    async def start_flow(self, turn: Turn, flow_id: str, *, replace: str | None = None) -> list[Reply]:
        """Start a questionnaire, or offer to resume the one in progress (`replace`: the person chose to start it over
        the questionnaire `routes.set_aside` names so; another one in progress by now is asked about again, never
        erased unasked)."""
        flow = self.flows.get(flow_id)
        if flow is None or (flow.category == "staff" and not may(await role(turn), "publish")):
            return await self.current(turn, [STALE_BUTTON])
        current = await self.runner.active(turn)
        if current is not None and (routes.set_aside(current) != replace or current.flow_id == flow_id):
            if current.flow_id == flow_id:
                return await self.runner.ask(turn, current, [RESUMING])
            active = self.flows.get(current.flow_id)
            about = await survey_about(turn, current.invitation_id)
            return [screens.unfinished(turn.t, active, current, flow, active_about=about)]
        return await self.runner.begin(turn, flow, current, [])

    async def flow_button(self, turn: Turn, at_turn: int, token: str) -> list[Reply]:
        """A question's own button: an answer, Back, Restart, Skip, or "I don't understand"."""
        current = await self.runner.active(turn)
        if current is None:
            return await self.current(turn, [STALE_BUTTON])
        if at_turn != turn.person.turn:
            return await self.runner.stale(turn, current)
        flow = self.flows.get(current.flow_id)
        event = decode(flow.step(current.step_id) if flow and flow.has_step(current.step_id) else None, token)
        if isinstance(event, Help):  # "I don't understand", then "flag it for a mediator"
            return await HELP[event](self.runner, turn, current)
        if event is None:
            return await self.runner.stale(turn, current)
        if (
            isinstance(event, engine.Choose | engine.Toggle)
            and flow is not None
            and flow.version != current.flow_version
        ):
            return await self.runner.outdated(turn, current)  # option buttons are positions in the keyboard's version
        return await self._answer(turn, current, event, edit=isinstance(event, engine.Toggle))

    async def _answer(
        self, turn: Turn, current: Conversation, event: engine.Event, *, edit: bool = False
    ) -> list[Reply]:
        """Apply an answer; when it ends the questionnaire, thank the person and show the menu under the card (a
        survey's or a request's card says what happened already: the menu then says no « Merci »).

        A staff member who answered with or for someone (mediated mode, a grid with someone), or a staff
        questionnaire (publishing a session), gets the staff menu back, in their own language.
        """
        for_someone = for_someone_else(turn, current)
        staff_work = for_someone or staff_questionnaire(self.flows, current)
        progress = await self.runner.apply(turn, current, event, edit=edit)
        if not progress.ended:
            return progress.replies
        who = await role(turn) if staff_work else None
        if who is not None and may(who, "menu"):
            return [*progress.replies, *await self.staff.menu(turn, who)]
        buttons = [button.action for reply in progress.replies for row in reply.buttons for button in row]
        offered = any(_asks_a_person(action) for action in buttons)  # one 📞 on screen: the card's, with its answers
        finished = self.flows.get(current.flow_id)
        confirmed = finished is not None and finished.category in CONFIRMED_BY_CARD
        thanks = "" if confirmed else progress.t(THANKS)
        return [*progress.replies, screens.main_menu(progress.t, prefix=thanks, person=not offered)]


def _asks_a_person(action: str) -> bool:
    """Whether a button is a card's « 📞 Parler à un travailleur social » (its request shares the card's answers)."""
    pressed = routes.find(action)
    return pressed is not None and pressed.route is routes.OFFER and pressed.args[-1] == "callback"
