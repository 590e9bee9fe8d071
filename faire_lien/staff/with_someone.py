"""A staff member with someone present: a grid answered for them, or a questionnaire in their language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from dialogs.reply import Reply
from dialogs.schema import Flow
from dialogs.text import Msg
from faire_lien.core.runner import FlowRunner
from faire_lien.core.screens import STALE_BUTTON, unfinished
from faire_lien.core.turn import Turn
from faire_lien.staff import mediated
from faire_lien.staff.screens import consent_for, grid_choice, proxy_person

Current = Callable[[Turn, list[Msg]], Awaitable[list[Reply]]]


class WithSomeone:
    """Grids answered for someone present, and mediated mode; stale or forged choices show where staff are."""

    def __init__(self, runner: FlowRunner, languages: list[str], current: Current) -> None:
        self.runner = runner
        self.flows: dict[str, Flow] = runner.flows
        self.languages = languages
        self.current = current

    async def grids(self, turn: Turn) -> list[Reply]:
        """Which grid a mediator runs with someone."""
        return grid_choice(turn, [f for f in self.flows.values() if f.scoring is not None])

    async def languages_screen(self, turn: Turn) -> list[Reply]:
        """Mediated mode, first screen: the person's language."""
        return mediated.languages(turn, self.languages)

    async def on_behalf(self, turn: Turn, flow_id: str, *, confirmed: bool) -> list[Reply]:
        """A mediator runs a grid for someone present: consent first, then answers stored as theirs."""
        grid = self.flows.get(flow_id)
        if grid is None or grid.scoring is None:
            return await self.current(turn, [STALE_BUTTON])
        if not confirmed:
            return consent_for(turn, grid)
        current = await self.runner.active(turn)
        if current is not None:
            return [unfinished(turn.t, self.flows.get(current.flow_id), current.flow_id, grid)]
        person = proxy_person(turn)
        await turn.session.flush()
        return await self.runner.begin(turn, grid, None, [], on_behalf_of=person.id)

    async def mediated(
        self, turn: Turn, language: str, flow_id: str | None = None, *, confirmed: bool = False
    ) -> list[Reply]:
        """Language, then questionnaire, then the person's consent, then the questionnaire in both languages."""
        if language not in self.languages:
            return await self.current(turn, [STALE_BUTTON])
        if flow_id is None:
            return mediated.flows_for(turn, language, self.flows)
        flow = self.flows.get(flow_id)
        if flow is None or flow.category not in mediated.MEDIATED_CATEGORIES:
            return await self.current(turn, [STALE_BUTTON])
        if not confirmed:
            return mediated.consent(turn, language, flow)
        current = await self.runner.active(turn)
        if current is not None:
            return [unfinished(turn.t, self.flows.get(current.flow_id), current.flow_id, flow)]
        return await mediated.start(self.runner, turn, language, flow)
