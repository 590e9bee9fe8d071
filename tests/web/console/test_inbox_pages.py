"""The inbox: open, mine and closed cases of the kinds my role handles, filters, paging, no personal data."""

from __future__ import annotations

import re

from faire_lien.staff.names import note_telegram_name
from storage.staff import active_member
from tests.support.records import a_person
from tests.web.console.cases_scene import PHONE, a_case, listed, words
from tests.web.console.conftest import Desk

BORN = {"flow": "rights_check", "step": "born"}


async def test_each_role_sees_the_kinds_it_handles_without_personal_data(desk: Desk) -> None:
    callback = await a_case(desk.db, "callback", number=1)
    help_case = await a_case(desk.db, "help", language="en", number=2, context=BORN)
    meeting = await a_case(desk.db, "facilitator", number=3)
    undelivered = await a_case(desk.db, "undelivered", number=4, context={"message": 9, "kind": "seat_offered"})

    coordinator = words(await (await desk.sign_in(8101, "coordinator")).get("/inbox"))
    assert all(listed(coordinator, o.case_id) for o in (callback, help_case, meeting, undelivered))
    assert "4 demandes ouvertes" in coordinator
    assert "Demandes (4 nouvelles)" in coordinator  # the menu counts the cases nobody took
    assert "Demande de rappel" in coordinator and "Message non distribué" in coordinator
    assert "English" in coordinator and "Nouvelle : personne ne l'a prise" in coordinator
    assert PHONE not in coordinator and "Téléphone" not in coordinator

    mediator = words(await (await desk.sign_in(8102, "mediator")).get("/inbox"))
    assert listed(mediator, callback.case_id) and listed(mediator, help_case.case_id)
    assert not listed(mediator, meeting.case_id) and not listed(mediator, undelivered.case_id)
    assert "Demandes (2 nouvelles)" in mediator

    facilitator = await desk.sign_in(8103, "facilitator")
    seen = words(await facilitator.get("/inbox"))
    assert listed(seen, meeting.case_id) and not listed(seen, callback.case_id)
    assert "1 demande ouverte" in seen and "Demandes (1 nouvelle)" in seen
    home = words(await facilitator.get("/"))
    assert home.index("Accueil") < home.index("Demandes (1 nouvelle)") < home.index("Rencontres")


async def test_filters_by_kind_and_language_work_as_a_plain_get_form(desk: Desk) -> None:
    french = await a_case(desk.db, "callback", number=1)
    english = await a_case(desk.db, "callback", language="en", number=2)
    helped = await a_case(desk.db, "help", number=3, context=BORN)
    signed = await desk.sign_in(8111, "mediator")

    by_kind = await signed.get("/inbox?kind=help")
    assert listed(words(by_kind), helped.case_id) and not listed(words(by_kind), french.case_id)
    assert '<option value="help" selected>' in by_kind.text
    by_language = words(await signed.get("/inbox?language=en"))
    assert listed(by_language, english.case_id) and not listed(by_language, french.case_id)
    not_mine = words(await signed.get("/inbox?kind=undelivered&language=xx"))  # not a kind a mediator handles
    assert "3 demandes ouvertes" in not_mine


async def test_mine_and_closed_tabs_and_overdue_in_words(desk: Desk) -> None:
    first = await a_case(desk.db, "callback", number=1)
    second = await a_case(desk.db, "callback", number=2)
    signed = await desk.sign_in(8121, "mediator")
    assert "Vous n'avez pris aucune demande ouverte." in words(await signed.get("/inbox/mine"))
    await signed.post(f"/inbox/{first.case_id}/take")
    mine = await signed.get("/inbox/mine")
    assert listed(words(mine), first.case_id) and not listed(words(mine), second.case_id)
    assert "1 demande ouverte que vous avez prise" in words(mine)
    assert 'aria-current="page">Les miennes' in mine.text

    desk.clock.advance(days=5)
    signed = await desk.sign_in(8121, "mediator")  # idle for days: signed out
    assert words(await signed.get("/inbox")).count("En retard") == 2  # nobody wrote to either person yet
    await signed.post(f"/inbox/{first.case_id}/write", {"text": "Bonjour, je vous appelle demain matin."})
    answered = words(await signed.get("/inbox"))
    assert answered.count("En retard") == 1 and "(répondu)" in answered

    await signed.post(f"/inbox/{first.case_id}/close", {"outcome": "helped"})
    closed = words(await signed.get("/inbox/closed"))
    assert listed(closed, first.case_id) and "la personne a été aidée" in closed and "1 demande close" in closed
    assert not listed(words(await signed.get("/inbox")), first.case_id)


async def test_long_lists_are_paged_with_the_filters_kept(desk: Desk) -> None:
    for n in range(51):
        await a_case(desk.db, "callback", number=n)
    signed = await desk.sign_in(8131, "coordinator")
    first = await signed.get("/inbox?kind=callback")
    assert "51 demandes ouvertes" in words(first) and "Page 1 sur 2" in words(first)
    assert 'href="/inbox?kind=callback&amp;page=2"' in first.text
    last = await signed.get("/inbox?kind=callback&page=9")  # past the end: the last page
    assert "Page 2 sur 2" in words(last) and len(re.findall(r'<a href="/inbox/\d+"', last.text)) == 1


async def test_the_inbox_is_refused_without_a_session(desk: Desk) -> None:
    await a_case(desk.db, "callback")
    for path in ("/inbox", "/inbox/mine", "/inbox/closed"):
        refused = await desk.browser().get(path)
        assert refused.status_code == 403 and "Envoyez /console au bot" in refused.text


async def test_the_inbox_says_which_kinds_of_request_nobody_is_told_about(desk: Desk) -> None:
    coordinator = await desk.sign_in(8131, "coordinator")  # signed in, but no chat with the bot: told of nothing
    shown = words(await coordinator.get("/inbox"))
    assert "Personne n'est prévenu des nouvelles demandes de ces types : Demande de rappel" in shown
    async with desk.db.unit_of_work() as session:
        await a_person(session, 8131)  # she talks to the bot now
    assert "Personne n'est prévenu" not in words(await coordinator.get("/inbox"))


async def test_colleagues_read_the_holders_telegram_first_name_never_her_number(desk: Desk) -> None:
    opened = await a_case(desk.db, "callback", number=1)
    ines = await desk.sign_in(8141, "coordinator")
    await ines.post(f"/inbox/{opened.case_id}/take")
    async with desk.db.unit_of_work() as session:  # she used the bot as staff since: her Telegram first name is known
        member = await active_member(session, 8141)
        assert member is not None
        note_telegram_name(member, "Inès")
    colleague = await desk.sign_in(8142, "coordinator")
    listing = words(await colleague.get("/inbox"))
    assert listed(listing, opened.case_id) and "Inès" in listing and "8141" not in listing
    page = words(await colleague.get(f"/inbox/{opened.case_id}"))
    assert "Prise par Inès" in page and "8141" not in page
    refused = words(await colleague.post(f"/inbox/{opened.case_id}/write", {"text": "Bonjour"}))
    assert "Inès a pris cette demande et est seul·e à pouvoir écrire à la personne." in refused
    assert "Inès" in words(await ines.get("/"))  # her own header too, instead of "Telegram 8141"


async def test_overdue_reads_in_english_typography(desk: Desk) -> None:
    """A request past its answer time reads "Overdue: 11/25/26, 8:00 AM" in English, in the list and on its page, not
    "Overdue : …"; French keeps « En retard : »."""
    opened = await a_case(desk.db, "callback")
    desk.clock.advance(days=4)
    signed = await desk.sign_in(8121, "coordinator")
    late = '<strong class="overdue">{}</strong>{}'
    assert late.format("En retard", " : 25/11/2026 08:00") in (await signed.get("/inbox")).text
    await signed.post("/language", {"language": "en", "back": "/"})
    assert late.format("Overdue", ": 11/25/26, 8:00\u202fAM") in (await signed.get("/inbox")).text
    assert late.format("Overdue", ": 11/25/26, 8:00\u202fAM") in (await signed.get(f"/inbox/{opened.case_id}")).text
