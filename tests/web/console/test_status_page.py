"""The service's state for staff: rule values to update, translations, failed messages with a retry (audited)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import get_args

import pytest
import yaml
from sqlalchemy import select

from dialogs.i18n import translator
from storage.models import AuditEntry, OutboxMessage, Registration
from storage.outbox import schedule
from storage.statuses import OutboxKind
from tests.cli.test_outbox_commands import interrupted_reminder
from tests.conftest import NOW
from tests.support.records import a_meeting, a_person
from tests.web.console.conftest import Desk
from web.console.status import KINDS, Catalog

RULES = len(yaml.safe_load((Path(__file__).parents[3] / "dialogs" / "rights" / "rules.yaml").read_text()))
"""Every series of the rights rule table as a social worker reads the file."""


async def audit(desk: Desk) -> list[tuple[str, str, int | None, str | None]]:
    async with desk.db.unit_of_work() as session:
        found = (await session.execute(select(AuditEntry).where(AuditEntry.actor.like("telegram:%")))).scalars()
        return [(row.actor, row.action, row.person_id, row.detail.get("via")) for row in found]


async def test_rules_and_translations_for_every_role(desk: Desk) -> None:
    for telegram_id, role in [(8401, "facilitator"), (8402, "mediator"), (8403, "coordinator")]:
        signed = await desk.sign_in(telegram_id, role)
        page = await signed.get("/health")
        assert page.status_code == 200, role
        text = html.unescape(page.text)
        assert f"{RULES} règles vérifiées le 22 nov. 2026." in text
        assert "2 valeurs périmées ou à confirmer" not in text
        assert "Périmée : la revalorisation du 1 avr. 2026 manque." in text
        assert "À confirmer : personne n'a encore vérifié cette valeur." in text
        assert "(c2s_ceiling_base)" in text and "(benefit_deduction_couple)" in text
        assert "Plafond annuel de la C2S gratuite" in text
        assert re.search(r"<th scope=\"row\">English \(en\)</th>\s*<td>100 %</td>", text)
        assert "Traductions de la console" in text and "Français (fr)" not in text
        assert ("Messages non remis" in text) == (role == "coordinator"), role


async def test_failed_messages_listed_audited_and_sent_again(desk: Desk) -> None:
    message_id, blocked_id = await interrupted_reminder(desk.db)
    signed = await desk.sign_in(8411, "coordinator")
    page = html.unescape((await signed.get("/health")).text)
    assert "2 messages à suivre" in page
    assert "Rappel de renouvellement" in page and "Incertain : peut-être reçu" in page
    assert "la personne a bloqué le bot" in page and "Non remis" in page  # why, in the console's language
    assert "the person blocked the bot" not in page and "interrupted while sending" not in page
    assert "21/11/2026 11:00" in page
    assert f"Renvoyer le message n° {message_id}" in page and f"Renvoyer le message n° {blocked_id}" in page
    assert await audit(desk) == [
        ("telegram:8411", "read_failed_message", 1, "console"),
        ("telegram:8411", "read_failed_message", 1, "console"),
    ]
    again = await signed.post(f"/health/messages/{message_id}/retry")
    assert again.status_code == 303 and again.headers["location"] == "/health#messages"
    async with desk.db.unit_of_work() as session:
        message = await session.get(OutboxMessage, message_id)
        assert message is not None and (message.status, message.attempts, message.last_error) == ("pending", 0, None)
    after = html.unescape((await signed.get("/health")).text)
    assert f"Message n° {message_id} remis dans la file" in after
    assert "1 message à suivre" in after and f"Renvoyer le message n° {message_id}" not in after
    assert ("telegram:8411", "retry_message", 1, "console") in await audit(desk)
    twice = await signed.post(f"/health/messages/{message_id}/retry")
    assert twice.status_code == 303
    assert f"Le message n° {message_id} n'est plus à renvoyer" in html.unescape((await signed.get("/health")).text)


async def test_only_coordinators_see_and_retry_failed_messages(desk: Desk) -> None:
    message_id, _ = await interrupted_reminder(desk.db)
    mediator = await desk.sign_in(8421, "mediator")
    page = html.unescape((await mediator.get("/health")).text)
    assert "Renvoyer le message" not in page and "Rappel de renouvellement" not in page
    refused = await mediator.post(f"/health/messages/{message_id}/retry")
    assert refused.status_code == 403
    assert (await desk.browser().get("/health")).status_code == 403
    coordinator = await desk.sign_in(8422, "coordinator")
    no_csrf = await coordinator.client.post(f"/health/messages/{message_id}/retry")
    assert no_csrf.status_code == 403 and "jeton de sécurité" in html.unescape(no_csrf.text)
    async with desk.db.unit_of_work() as session:
        message = await session.get(OutboxMessage, message_id)
        assert message is not None and message.status == "uncertain"
    assert await audit(desk) == []  # the mediator's page read no message


async def test_shares_translated_are_written_as_the_page_s_language_writes_numbers(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A console catalog 624 texts of 625 translated reads 99,8 % in French and 99.8% in English, as the results do."""
    nearly = (Catalog("en", "English", 625, 624),)
    monkeypatch.setattr("web.console.status.console_catalogs", lambda: nearly)
    signed = await desk.sign_in(8404, "mediator")
    french = html.unescape((await signed.get("/health")).text)
    assert re.search(r"<th scope=\"row\">English \(en\)</th>\s*<td>99,8 %</td>", french), french
    assert "99.8" not in french
    await signed.post("/language", {"language": "en", "back": "/"})
    english = html.unescape((await signed.get("/health")).text)
    assert re.search(r"<th scope=\"row\">English \(en\)</th>\s*<td>99.8%</td>", english)
    assert re.search(r"<th scope=\"row\">Español \(es\)</th>\s*<td>100%</td>", english)


def test_every_kind_of_queued_message_has_a_label_in_each_console_language() -> None:
    assert sorted(KINDS) == sorted(get_args(OutboxKind))  # a new kind needs its words here
    english = translator("en")
    for label in KINDS.values():
        assert english(label) != label.msgid, label


async def test_failed_messages_name_the_booking_or_the_case_never_the_persons_number(desk: Desk) -> None:
    async with desk.db.unit_of_work() as session:
        person = await a_person(session, 52, id=4242)
        meeting = await a_meeting(session)
        booked = Registration(
            meeting_id=meeting.id,
            person_id=person.id,
            status="registered",
            code="K7P2QX",
            created_at=NOW,
            updated_at=NOW,
        )
        session.add(booked)
        await session.flush()
        about: list[tuple[OutboxKind, dict[str, object]]] = [
            ("meeting_details", {"registration": booked.id}),
            ("case_message", {"case": 31, "message": 1}),
            ("renewal_reminder", {}),
        ]
        for number, (kind, payload) in enumerate(about):
            message, _ = await schedule(
                session, person.id, kind=kind, due_at=NOW, payload=payload, key=f"k{number}", now=NOW
            )
            message.status, message.last_error = "failed", "the person blocked the bot"
    signed = await desk.sign_in(8431, "coordinator")
    page = html.unescape((await signed.get("/health")).text)
    rows = page[page.index('id="messages"') :]
    assert "Concerne" in rows and "Personne n°" not in rows
    assert "<td>réservation K7P2QX</td>" in rows
    assert "<td>demande n° 31</td>" in rows
    assert "<td>une personne</td>" in rows
    assert "4242" not in rows


async def test_rule_values_are_written_in_the_page_s_language(desk: Desk) -> None:
    """The C2S ceiling to update reads « 10 339 € par an » on the French page and "€10,339 a year" on the English one,
    not "10339 EUR/year" on both; a monthly amount per benefit reads « asi : 86 € par mois »; a share « 1 part »."""
    signed = await desk.sign_in(8405, "coordinator")
    french = html.unescape((await signed.get("/health")).text)
    assert "<td>10\u202f339\u00a0€ par an</td>" in french, french
    assert "<td>asi : 86\u00a0€ par mois ; aspa : 110\u00a0€ par mois</td>" in french
    assert "<td>1 part</td>" in french
    assert "EUR" not in french and " share" not in french and "at_once rule" not in french
    await signed.post("/language", {"language": "en", "back": "/"})
    english = html.unescape((await signed.get("/health")).text)
    assert "<td>€10,339 a year</td>" in english
    assert "<td>asi: €86 a month; aspa: €110 a month</td>" in english
    assert "<td>1 share</td>" in english


async def test_rules_to_update_are_named_with_their_source_in_the_page_s_language(desk: Desk) -> None:
    """The C2S ceiling to update reads « Plafond annuel de la C2S gratuite… » with « Arrêté publié au JO… » on the
    French page, "Yearly ceiling of free C2S…" with "Arrêté published in the JO…" on the English one."""
    signed = await desk.sign_in(8406, "coordinator")
    french = html.unescape((await signed.get("/health")).text)
    assert "Plafond annuel de la C2S gratuite pour une personne seule, métropole (€)" in french
    assert "Arrêté publié au JO du 29 mars 2025" in french
    await signed.post("/language", {"language": "en", "back": "/"})
    english = html.unescape((await signed.get("/health")).text)
    assert "Yearly ceiling of free C2S for one person, mainland France (€)" in english
    assert "Arrêté published in the JO du 29 mars 2025, applicable from 1-4-2025 to 1-4-2026 (CSS L861-1 1°)" in english
    assert "Plafond annuel" not in english and "Arrêté publié" not in english
