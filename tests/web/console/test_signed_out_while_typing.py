"""A form sent once the console has signed out (idle, or a new sign-in in another tab): nothing is saved, and what
was typed is shown again to copy, never for a form another site sent."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.models import Meeting
from tests.web.console.cases_scene import a_case, words
from tests.web.console.conftest import Desk

OWN_PAGE = {"Sec-Fetch-Site": "same-origin"}
MESSAGE = "Bonjour, je vous rappelle <demain> à 10 h pour votre dossier C2S."


async def test_a_message_typed_while_signed_out_is_shown_again_to_copy(desk: Desk) -> None:
    opened = await a_case(desk.db, "callback")
    signed = await desk.sign_in(8601, "mediator")
    assert (await signed.post(f"/inbox/{opened.case_id}/take")).status_code == 303
    desk.clock.advance(minutes=45)  # typing a long message: the console signed out meanwhile
    refused = await signed.post(f"/inbox/{opened.case_id}/write", {"text": MESSAGE}, headers=OWN_PAGE)
    assert refused.status_code == 403
    page = words(refused)
    assert "votre session a expiré" in page
    assert "Rien n'a été enregistré ni envoyé" in page
    assert "Votre message, non envoyé (pour le copier)" in page
    assert MESSAGE in page
    assert "&lt;demain&gt;" in refused.text  # shown as typed, not as markup


async def test_a_session_form_sent_from_an_old_tab_after_signing_in_again_keeps_its_texts(desk: Desk) -> None:
    old_tab = await desk.sign_in(8602, "coordinator")
    desk.clock.advance(minutes=45)
    new_tab = await desk.sign_in(8602, "coordinator")  # the same browser signs in again: a new form token
    typed = {
        "kind": "info_meeting",
        "title_fr": "Atelier « Mes droits santé »",
        "description_fr": "Deux heures pour comprendre la C2S, avec une interprète.",
        "title_ar": "ورشة حقوقي الصحية",
        "access_notes": "Sonner à l'interphone, 2e étage.",
        "csrf": old_tab.csrf,
        "action": "publish",
    }
    refused = await new_tab.client.post("/sessions/new", data=typed, headers=OWN_PAGE)
    assert refused.status_code == 403
    page = words(refused)
    assert "jeton de sécurité" in page and "Rien n'a été enregistré ni envoyé" in page
    assert "Titre (Français) Atelier « Mes droits santé »" in page
    assert "Description (Français) Deux heures pour comprendre la C2S, avec une interprète." in page
    assert "Titre (العربية) ورشة حقوقي الصحية" in page
    assert "Informations d'accès Sonner à l'interphone, 2e étage." in page
    assert 'lang="ar"' in refused.text
    assert "info_meeting" not in page and old_tab.csrf not in page  # only what was typed
    async with desk.db.unit_of_work() as session:
        assert await session.scalar(select(func.count()).select_from(Meeting)) == 0


async def test_a_form_another_site_sends_is_not_shown_back(desk: Desk) -> None:
    signed = await desk.sign_in(8603, "coordinator")
    forged = {"title_fr": "Appelez le 08 99 …", "csrf": "guessed"}
    for fetched_from in ({"Sec-Fetch-Site": "cross-site"}, {}):  # another site, or a browser that does not say
        refused = await signed.client.post("/sessions/new", data=forged, headers=fetched_from)
        assert refused.status_code == 403 and "jeton de sécurité" in refused.text
        assert "08 99" not in refused.text and "Rien n'a été enregistré" not in refused.text
