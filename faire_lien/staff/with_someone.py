"""A staff member with someone present: a grid answered for them, or a questionnaire in their language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from dialogs.i18n import language_name
from dialogs.reply import Button, Reply
from dialogs.schema import Flow
from dialogs.text import Msg
from faire_lien import routes
from faire_lien.core.runner import FlowRunner, for_someone_else
from faire_lien.core.screens import CONSENT_VERSION, LANGUAGE_SET, STALE_BUTTON, unfinished
from faire_lien.core.turn import Turn
from faire_lien.staff import mediated
from faire_lien.staff.screens import (
    ABANDON_ASK,
    ABANDON_NO,
    ABANDON_YES,
    ABANDONED,
    NOTHING_OPEN,
    consent_for,
    grid_choice,
    proxy_person,
)
from storage.conversations import drop_conversation, speak_in
from storage.models import Conversation
from storage.people import record_consent

Current = Callable[[Turn, list[Msg]], Awaitable[list[Reply]]]
Home = Callable[[Turn], Awaitable[list[Reply]]]


class WithSomeone:
    """Grids answered for someone present, and mediated mode; stale or forged choices show where staff are."""

    def __init__(self, runner: FlowRunner, languages: list[str], current: Current, home: Home) -> None:
        self.runner = runner
        self.flows: dict[str, Flow] = runner.flows
        self.languages = languages
        self.current = current
        self.home = home

    async def grids(self, turn: Turn) -> list[Reply]:
        """Which grid a mediator runs with someone."""
        return grid_choice(turn, [f for f in self.flows.values() if f.scoring is not None])

    async def languages_screen(self, turn: Turn) -> list[Reply]:
        """Mediated mode, first screen: the person's language."""
        return mediated.languages(turn, self.languages)

    async def on_behalf(self, turn: Turn, flow_id: str, *, confirmed: bool, replace: str | None = None) -> list[Reply]:
        """A mediator runs a grid for someone present: consent first, then answers stored as theirs.

        With another questionnaire open, the mediator resumes it or drops it for this one (`replace`: how
        `routes.set_aside` named the questionnaire « Commencer » was drawn over; another one open by now is asked
        about again, never erased).
        """
        grid = self.flows.get(flow_id)
        if grid is None or grid.scoring is None:
            return await self.current(turn, [STALE_BUTTON])
        if not confirmed:
            return consent_for(turn, grid)
        if not await self._free(turn, replace=replace):
            return [await self._unfinished(turn, grid)]
        person = proxy_person(turn)
        await turn.session.flush()
        return await self.runner.begin(turn, grid, None, [], on_behalf_of=person.id)

    async def mediated(
        self,
        turn: Turn,
        language: str,
        flow_id: str | None = None,
        *,
        confirmed: bool = False,
        replace: str | None = None,
    ) -> list[Reply]:
        """Language, then questionnaire, then the person's consent, then the questionnaire in both languages.

        With another questionnaire open, the mediator resumes it or drops it for this one (`replace`: how
        `routes.set_aside` named the questionnaire « Commencer » was drawn over; another one open by now is asked
        about again, never erased).
        """
        if language not in self.languages:
            return await self.current(turn, [STALE_BUTTON])
        if flow_id is None:
            return mediated.flows_for(turn, language, self.flows)
        flow = self.flows.get(flow_id)
        if flow is None or flow.category not in mediated.MEDIATED_CATEGORIES:
            return await self.current(turn, [STALE_BUTTON])
        if not confirmed:
            return mediated.consent(turn, language, flow)
        if not await self._free(turn, replace=replace):
            current = await self.runner.active(turn)
            assert current is not None
            return [mediated.unfinished(turn, self.flows, current, language, flow)]
        return await mediated.start(self.runner, turn, language, flow)

    async def switch(self, turn: Turn, language: str, flow_id: str, *, agreed: bool = False) -> list[Reply]:
        """The questionnaire open with someone goes on in the language just chosen for them: first their consent in
        that language (as before a questionnaire begins); once agreed, recorded in it, « Langue choisie : English. »
        and the question in progress, in that language with the mediator's under it; answers kept."""
        current = await self._switchable(turn, language, flow_id)
        if current is None:
            return await self.current(turn, [STALE_BUTTON])
        if not agreed:
            return mediated.switch_consent(turn, language, self.flows[flow_id])
        person = await speak_in(turn.session, current, language)
        if person is not None:
            record_consent(person, accepted=True, language=language, version=CONSENT_VERSION, at=turn.now)
        return await self.runner.ask(turn, current, [LANGUAGE_SET.bind(language=language_name(language))])

    async def switch_refused(self, turn: Turn, language: str, flow_id: str) -> list[Reply]:
        """The person declined to go on in the new language: nothing more asked, their answers and consent stay as
        they were (the questionnaire still open in its language), said above the staff menu."""
        current = await self._switchable(turn, language, flow_id)
        if current is None:
            return await self.current(turn, [STALE_BUTTON])
        said = turn.t(mediated.switch_refused(turn, self.flows, current, language))
        return [Reply(said), *await self.home(turn)]

    async def _switchable(self, turn: Turn, language: str, flow_id: str) -> Conversation | None:
        """The questionnaire open with someone that may go on in `language`; None when the button no longer applies."""
        current = await self.runner.active(turn)
        if (
            language not in self.languages
            or current is None
            or current.flow_id != flow_id
            or flow_id not in self.flows
            or current.mediated_language is None
            or not for_someone_else(turn, current)
        ):
            return None
        return current

    async def abandon(self, turn: Turn, *, confirmed: bool) -> list[Reply]:
        """Drop the questionnaire left open with someone, once confirmed, then the staff menu.

        As when a person stops: the answers of that questionnaire are forgotten and no result is kept; what was
        stored for the person before (their consent, a questionnaire they finished) stays.
        """
        current = await self.runner.active(turn)
        if current is None or not for_someone_else(turn, current):
            return [Reply(turn.t(NOTHING_OPEN)), *await self.home(turn)]
        if not confirmed:
            flow = self.flows.get(current.flow_id)
            title = turn.t(flow.title, flow.context) if flow is not None else current.flow_id
            rows = (
                (routes.ABANDON.button(turn.t(ABANDON_YES), "yes"),),
                (routes.RESUME.button(turn.t(ABANDON_NO)),),
            )
            return [Reply(turn.t(ABANDON_ASK.bind(title=title)), rows)]
        await drop_conversation(turn.session, turn.person.id)
        return [Reply(turn.t(ABANDONED)), *await self.home(turn)]

    async def _free(self, turn: Turn, *, replace: str | None) -> bool:
        """Whether nothing is open; the open questionnaire (another person's, or their own) is dropped when it is the
        one `replace` names, the one « Commencer » was drawn over: any other is kept, to be asked about again.

        Never continued for the new person: its answers, links and language belong to whoever it was begun for.
        """
        current = await self.runner.active(turn)
        if current is None:
            return True
        if replace is not None and routes.set_aside(current) == replace:
            await drop_conversation(turn.session, turn.person.id)
            return True
        return False

    async def _unfinished(self, turn: Turn, grid: Flow) -> Reply:
        """Resume the open questionnaire, or begin this grid for the person who just agreed (« Commencer » names the
        questionnaire it sets aside)."""
        current = await self.runner.active(turn)
        assert current is not None

        def start(label: str) -> Button:
            return routes.ON_BEHALF_NEW.button(label, grid.id, routes.set_aside(current))

        return unfinished(turn.t, self.flows.get(current.flow_id), current, grid, start)
