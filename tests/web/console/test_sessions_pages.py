"""The Sessions list and a session's page: who sees what, in Paris time, and every refusal."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest

from storage.meetings import cancel_meeting, get_meeting, register, roster, set_attendance
from tests.conftest import NOW
from tests.support.console_sessions import a_followed_session, people_on, queued_kinds
from tests.support.records import a_meeting, a_person
from tests.web.console.conftest import Desk

SESSION_PAGES = ("", "/edit", "/move", "/cancel", "/poster.pdf")
SESSION_FORMS = ("/edit", "/move", "/cancel")


async def test_the_list_shows_sessions_to_come_and_over_with_seats_and_waiting(desk: Desk) -> None:
    signed = await desk.sign_in(8101, "coordinator")
    soon = await a_followed_session(desk.db, capacity=2, title={"fr": "Réunion C2S", "en": "C2S meeting"})
    await people_on(desk.db, soon, 3)
    await a_followed_session(desk.db, starts=NOW - timedelta(days=10), title={"fr": "Atelier passé"})
    await a_followed_session(desk.db, starts=NOW - timedelta(days=200), title={"fr": "Très ancien"})
    gathering = await a_followed_session(desk.db, starts=NOW + timedelta(days=9), min_size=6, title={"fr": "Groupe"})
    page = await signed.get("/sessions")
    assert page.status_code == 200
    text = page.text
    assert f'href="/sessions/{soon}"><bdi>Réunion C2S</bdi></a>' in text
    assert "25 nov. 2026 · 11:00–13:00" in text  # 10:00 UTC is 11:00 in Paris in November
    assert "2 sur 2" in text and "<td>1</td>" in text  # seats taken, one person waiting
    assert f'href="/sessions/{gathering}"><bdi>Groupe</bdi></a>' in text and "À confirmer : groupe minimum de 6" in text
    assert text.index("À venir") < text.index("Réunion C2S") < text.index("Passées") < text.index("Atelier passé")
    assert "Terminée" in text
    assert "Très ancien" not in text
    longer = await signed.get("/sessions?days=365")
    assert "Très ancien" in longer.text and '<option value="365" selected>' in longer.text


async def test_the_list_in_english_shows_the_english_title(desk: Desk) -> None:
    signed = await desk.sign_in(8102, "coordinator")
    await a_followed_session(desk.db, title={"fr": "Réunion C2S", "en": "C2S meeting"})
    await signed.post("/language", {"language": "en", "back": "/sessions"})
    page = await signed.get("/sessions")
    assert "C2S meeting" in page.text and "Nov 25, 2026" in page.text


async def test_a_facilitator_sees_only_the_sessions_they_follow(desk: Desk) -> None:
    alice = await desk.sign_in(8103, "facilitator")
    await desk.sign_in(8104, "facilitator")
    mine = await a_followed_session(desk.db, 8103, title={"fr": "La mienne"})
    theirs = await a_followed_session(desk.db, 8104, title={"fr": "La sienne"})
    page = await alice.get("/sessions")
    assert "La mienne" in page.text and "La sienne" not in page.text
    assert (await alice.get(f"/sessions/{mine}")).status_code == 200
    for suffix in SESSION_PAGES:
        refused = await alice.get(f"/sessions/{theirs}{suffix}")
        assert refused.status_code == 403, suffix
        assert "n'est pas l'une des vôtres" in refused.text
    for suffix in SESSION_FORMS:
        refused = await alice.post(f"/sessions/{theirs}{suffix}", {"day": "2026-12-01", "start": "14:00"})
        assert refused.status_code == 403, suffix
    async with desk.db.unit_of_work() as session:
        untouched = await get_meeting(session, theirs)
        assert untouched is not None and untouched.status == "scheduled"


@pytest.mark.parametrize(
    "path",
    ["/sessions", "/sessions/1", "/sessions/1/edit", "/sessions/new", "/sessions/import", "/sessions/1/poster.pdf"],
)
async def test_a_mediator_and_a_stranger_are_refused(desk: Desk, path: str) -> None:
    await a_followed_session(desk.db)
    mediator = await desk.sign_in(8105, "mediator")
    refused = await mediator.get(path)
    assert refused.status_code == 403 and "Votre rôle ne donne pas accès" in refused.text
    stranger = await desk.browser().get(path)
    assert stranger.status_code == 403 and "Envoyez /console au bot" in stranger.text


async def test_forms_without_their_csrf_token_are_refused(desk: Desk) -> None:
    signed = await desk.sign_in(8106, "coordinator")
    meeting_id = await a_followed_session(desk.db)
    for path in (
        "/sessions/new",
        "/sessions/import",
        "/sessions/import/publish",
        f"/sessions/{meeting_id}/edit",
        f"/sessions/{meeting_id}/move",
        f"/sessions/{meeting_id}/cancel",
    ):
        refused = await signed.client.post(path, data={"action": "publish"})
        assert refused.status_code == 403 and "jeton de sécurité" in refused.text, path
    async with desk.db.unit_of_work() as session:
        meeting = await get_meeting(session, meeting_id)
        assert meeting is not None and meeting.status == "scheduled"


async def test_a_session_page_shows_details_counts_followers_and_actions(desk: Desk) -> None:
    signed = await desk.sign_in(8107, "facilitator")
    meeting_id = await a_followed_session(
        desk.db,
        8107,
        capacity=2,
        title={"fr": "Réunion C2S", "ar": "اجتماع"},
        description={"fr": "Comment demander la C2S."},
        access_notes="Ascenseur",
        languages=["fr", "ar"],
    )
    await people_on(desk.db, meeting_id, 3)
    page = await signed.get(f"/sessions/{meeting_id}")
    text = page.text
    assert page.status_code == 200
    assert "mercredi 25 novembre 2026, 11:00–13:00" in text
    assert "41 rue Touffenet, 86000 Poitiers" in text and "Ascenseur" in text
    assert "Français, العربية" in text
    assert "2 prises sur 2" in text and "1 personne" in text
    assert "Telegram 8107" in text
    assert '<td lang="ar" dir="rtl"><bdi>اجتماع</bdi></td>' in text
    for suffix in ("/roster", "/results", "/edit", "/move", "/cancel"):
        assert f'href="/sessions/{meeting_id}{suffix}"' in text
    assert "TELEGRAM_BOT_USERNAME" in text  # no poster link without the bot's username


async def test_a_cancelled_or_past_session_offers_no_change(desk: Desk) -> None:
    signed = await desk.sign_in(8108, "coordinator")
    past = await a_followed_session(desk.db, starts=NOW - timedelta(days=2))
    cancelled = await a_followed_session(desk.db)
    async with desk.db.unit_of_work() as session:
        meeting = await get_meeting(session, cancelled)
        assert meeting is not None
        await cancel_meeting(session, meeting, NOW)
    for meeting_id, state in ((past, "Terminée"), (cancelled, "Annulée")):
        page = await signed.get(f"/sessions/{meeting_id}")
        assert state in page.text and f"/sessions/{meeting_id}/edit" not in page.text
        assert f'href="/sessions/{meeting_id}/roster"' in page.text
        for suffix in SESSION_FORMS:
            refused = await signed.get(f"/sessions/{meeting_id}{suffix}")
            assert refused.status_code == 409 and "ne peut plus être modifiée" in refused.text


async def test_a_session_with_someone_present_cannot_be_moved_nor_cancelled(desk: Desk) -> None:
    """Under way with someone marked present, the session's page offers no move nor cancel and says why; the forms,
    asked or sent, refuse with what to do; nobody is told anything (before: cancelled, those present told so)."""
    signed = await desk.sign_in(8110, "coordinator")
    meeting_id = await a_followed_session(desk.db, starts=NOW - timedelta(minutes=30))
    async with desk.db.unit_of_work() as session:
        for telegram_id in (60_001, 60_002):  # registered the day before
            person = await a_person(session, telegram_id)
            await register(session, meeting_id, person.id, NOW - timedelta(days=1))
        welcomed = (await roster(session, meeting_id))[0]
        await set_attendance(session, welcomed, "present")
    page = await signed.get(f"/sessions/{meeting_id}")
    text = html.unescape(page.text)
    assert f"/sessions/{meeting_id}/move" not in text and f"/sessions/{meeting_id}/cancel" not in text
    assert "Déplacer ou annuler : impossible, 1 personne a été marquée présente." in text
    assert f'href="/sessions/{meeting_id}/edit"' in text
    said = "Des personnes ont été marquées présentes à cette rencontre : elle a lieu, et ne peut plus être déplacée"
    for suffix in ("/move", "/cancel"):
        refused = await signed.get(f"/sessions/{meeting_id}{suffix}")
        assert refused.status_code == 409 and said in html.unescape(refused.text), suffix
    sent = {"day": "2026-12-10", "start": "14:00", "end": "16:00"}
    for suffix, data in (("/cancel", {}), ("/move", sent)):
        refused = await signed.post(f"/sessions/{meeting_id}{suffix}", data)
        assert refused.status_code == 409 and "corrigez-la d'abord" in html.unescape(refused.text), suffix
    async with desk.db.unit_of_work() as session:
        meeting = await get_meeting(session, meeting_id)
        assert meeting is not None and meeting.status == "scheduled"
    assert not {"meeting_cancelled", "meeting_moved"} & set(await queued_kinds(desk.db))


async def test_an_unknown_session_is_not_found(desk: Desk) -> None:
    signed = await desk.sign_in(8109, "coordinator")
    missing = await signed.get("/sessions/999")
    assert missing.status_code == 404 and "Cette rencontre n'existe pas." in missing.text
    facilitator = await desk.sign_in(8110, "facilitator")
    assert (await facilitator.get("/sessions/999")).status_code == 403


async def test_the_menu_has_the_sessions_for_those_who_follow_them(desk: Desk) -> None:
    facilitator = await desk.sign_in(8111, "facilitator")
    assert 'href="/sessions"' in (await facilitator.get("/")).text
    mediator = await desk.sign_in(8112, "mediator")
    assert 'href="/sessions"' not in (await mediator.get("/")).text


async def test_a_number_too_large_for_any_id_is_a_page_that_does_not_exist(desk: Desk) -> None:
    signed = await desk.sign_in(8131, "coordinator")
    huge = "9" * 20
    pages = [f"/sessions/{huge}{suffix}" for suffix in (*SESSION_PAGES, "/roster", "/results", "/results.csv", "/poll")]
    for path in (*pages, f"/inbox/{huge}", f"/team/invites/{huge}", f"/team/{huge}/revoke"):
        refused = await signed.get(path)
        assert refused.status_code == 404 and "Cette page n'existe pas" in refused.text, path
    forms = (f"/sessions/{huge}/cancel", f"/inbox/{huge}/take", f"/team/{huge}/role", f"/health/messages/{huge}/retry")
    for path in forms:
        refused = await signed.post(path, {"role": "mediator"})
        assert refused.status_code == 404 and "Cette page n'existe pas" in refused.text, path


async def test_a_title_with_an_override_stays_inside_it(desk: Desk) -> None:
    """A title typed with an open U+202E shows in its own <bdi> (override closed) in the list, on the session's page,
    its roster and its cancel question, and between FSI and PDI in the window's title: the words after it keep
    their order."""
    signed = await desk.sign_in(8107, "coordinator")
    meeting_id = await a_followed_session(desk.db, title={"fr": "\u202eABC"})
    shown = "<bdi>\u202eABC\u202c</bdi>"
    listing = html.unescape((await signed.get("/sessions")).text)
    assert f'href="/sessions/{meeting_id}">{shown}</a>' in listing
    page = html.unescape((await signed.get(f"/sessions/{meeting_id}")).text)
    assert "<title>\u2068\u202eABC\u202c\u2069 · " in page and f"<h1>{shown}</h1>" in page
    assert f'dir="ltr">{shown}</td>' in page
    roster = html.unescape((await signed.get(f"/sessions/{meeting_id}/roster")).text)
    assert f"Réunion d'information — {shown}</strong>" in roster
    cancel = html.unescape((await signed.get(f"/sessions/{meeting_id}/cancel")).text)
    assert f"« {shown} », " in cancel


async def test_seats_and_waiting_counts_are_grouped_as_the_language_writes_numbers(desk: Desk) -> None:
    signed = await desk.sign_in(8108, "coordinator")
    large = await a_followed_session(desk.db, capacity=1500, title={"fr": "Forum", "en": "Forum"})
    listing = (await signed.get("/sessions")).text
    assert "<td>0 sur 1\u202f500</td>" in listing
    assert "0 prises sur 1\u202f500" in (await signed.get(f"/sessions/{large}")).text
    await signed.post("/language", {"language": "en", "back": "/sessions"})
    assert "<td>0 of 1,500</td>" in (await signed.get("/sessions")).text


async def test_many_sessions_to_come_are_paged_with_the_period_kept(desk: Desk) -> None:
    signed = await desk.sign_in(8109, "coordinator")
    async with desk.db.unit_of_work() as session:
        for n in range(200):
            await a_meeting(session, NOW + timedelta(days=1, hours=n), title={"fr": f"Rencontre {n:03}"})
    first = await signed.get("/sessions")
    assert "Page 1 sur 4" in first.text and "Rencontre 000" in first.text and "Rencontre 049" in first.text
    assert "Rencontre 050" not in first.text
    assert 'href="/sessions?page=2" rel="next"' in first.text
    second = await signed.get("/sessions?days=365&page=2")
    assert "Page 2 sur 4" in second.text and "Rencontre 050" in second.text and "Rencontre 049" not in second.text
    assert 'href="/sessions?days=365&amp;page=3" rel="next"' in second.text  # the period chosen is kept
    assert '<option value="365" selected>' in second.text
    last = await signed.get("/sessions?page=99")  # past the end: the last page
    assert "Page 4 sur 4" in last.text and "Rencontre 199" in last.text and "Rencontre 149" not in last.text
