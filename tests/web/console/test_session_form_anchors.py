"""The session form's error summary: each problem links to something on the page, the languages' fieldset included."""

from __future__ import annotations

import html
import re

from tests.support.console_sessions import a_followed_session
from tests.web.console.conftest import Desk
from tests.web.console.test_session_changes import EDIT, seen

LINK = re.compile(r'<li><a href="#([^"]+)">([^<]*)</a></li>')


async def test_a_languages_problem_links_to_the_languages_fieldset(desk: Desk) -> None:
    """Paul adds Arabic to the languages while Samira edits the session: the summary's « Quelqu'un d'autre a changé ce
    champ… » about the languages leads to the fieldset of languages, which the problem describes (before: it linked to
    `#f-languages`, which no element had, so following it went nowhere); every link of the summary leads somewhere."""
    samira = await desk.sign_in(8601, "coordinator")
    paul = await desk.sign_in(8602, "coordinator")
    meeting_id = await a_followed_session(desk.db, capacity=2, title={"fr": "Réunion C2S", "en": "C2S meeting"})
    opened = seen((await samira.get(f"/sessions/{meeting_id}/edit")).text)
    paul_opened = seen((await paul.get(f"/sessions/{meeting_id}/edit")).text)
    arabic = {**EDIT, "languages": ["fr", "ar"], "place": "Maison des services", "seen": paul_opened}
    assert (await paul.post(f"/sessions/{meeting_id}/edit", arabic)).status_code == 303
    late = await samira.post(f"/sessions/{meeting_id}/edit", {**EDIT, "seen": opened})
    assert late.status_code == 409
    links = dict(LINK.findall(late.text))
    assert html.unescape(links["f-languages"]).startswith("Quelqu'un d'autre a changé ce champ")
    assert "f-place" in links
    assert '<fieldset class="choices" id="f-languages" aria-describedby="f-languages-error">' in late.text
    for target in links:
        assert f'id="{target}"' in late.text, target
