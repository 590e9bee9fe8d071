"""Team pages: the staff list, invitations that work, role changes, display names, revoking that signs out."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from sqlalchemy import select

from storage.models import AuditEntry
from storage.staff import active_member, redeem
from tests.conftest import NOW
from tests.web.console.cases_scene import name_staff
from tests.web.console.conftest import Desk

INVITE_CODE = re.compile(r"/start inv_([A-Za-z0-9_-]+)")


async def member_id(desk: Desk, telegram_id: int) -> int:
    async with desk.db.unit_of_work() as session:
        member = await active_member(session, telegram_id)
        assert member is not None
        return member.id


async def actions(desk: Desk) -> list[tuple[str, str]]:
    async with desk.db.unit_of_work() as session:
        rows = (await session.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars()
        return [(row.actor, row.action) for row in rows]


async def test_team_lists_active_staff_with_role_and_who_added_them(desk: Desk) -> None:
    await desk.sign_in(8202, "facilitator")
    signed = await desk.sign_in(8201, "coordinator")
    page = await signed.get("/team")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "2 membres actifs de l'équipe" in text
    assert "8202" in text and "animation de rencontres" in text and "22 nov. 2026" in text
    assert "test (serveur)" in text  # added by the test set-up, an operator's name
    assert 'label for="role-' in text and 'label for="name-' in text and 'label for="invite-role"' in text


async def test_invite_creates_a_working_code_shown_with_its_expiry(desk: Desk) -> None:
    signed = await desk.sign_in(8211, "coordinator")
    made = await signed.post("/team/invites", {"role": "mediator"})
    assert made.status_code == 303 and made.headers["location"].startswith("/team/invites/")
    page = await signed.get(made.headers["location"])
    text = html.unescape(page.text)
    assert "Invitation créée" in text and "Invitation (médiation)" in text
    assert "jusqu'au 29/11/2026 11:00" in text  # 7 days, Paris time
    assert "TELEGRAM_BOT_USERNAME" in text and "data:image/png" not in text
    code = INVITE_CODE.search(text)
    assert code is not None
    async with desk.db.unit_of_work() as session:
        assert await redeem(session, code.group(1), 8212, NOW) == "mediator"
    listing = html.unescape((await signed.get("/team")).text)
    row = listing.split("<td>8212</td>", 1)[1].split("</tr>", 1)[0]
    assert "médiation" in row and "invitation de Telegram 8211 (coordination)" in row
    used = html.unescape((await signed.get(made.headers["location"])).text)
    assert "Cette invitation a déjà servi." in used and code.group(1) not in used
    assert ("telegram:8211", "create_invite") in await actions(desk)


async def test_invite_with_a_known_bot_shows_the_link_and_its_qr_code(desk: Desk) -> None:
    console = desk.app.state.console
    desk.app.state.console = replace(
        console, settings=console.settings.model_copy(update={"telegram_bot_username": "@FaireLienBot"})
    )
    signed = await desk.sign_in(8221, "coordinator")
    made = await signed.post("/team/invites", {"role": "facilitator"})
    page = html.unescape((await signed.get(made.headers["location"])).text)
    link = re.search(r"https://t\.me/FaireLienBot\?start=inv_([A-Za-z0-9_-]+)", page)
    assert link is not None
    assert '<img src="data:image/png;base64,' in page and 'alt="QR code du lien d\'invitation"' in page
    desk.clock.advance(days=8)
    late = await desk.sign_in(8221, "coordinator")
    expired = html.unescape((await late.get(made.headers["location"])).text)
    assert "Cette invitation a expiré" in expired and link.group(1) not in expired


async def test_an_unknown_role_or_invite_is_refused(desk: Desk) -> None:
    signed = await desk.sign_in(8231, "coordinator")
    bad = await signed.post("/team/invites", {"role": "boss"})
    assert bad.status_code == 422 and "Choisissez un rôle" in html.unescape(bad.text)
    assert (await signed.get("/team/invites/999")).status_code == 404


async def test_change_role_and_display_name(desk: Desk) -> None:
    await desk.sign_in(8242, "facilitator")
    signed = await desk.sign_in(8241, "coordinator")
    other = await member_id(desk, 8242)
    changed = await signed.post(f"/team/{other}/role", {"role": "mediator"})
    assert changed.status_code == 303
    after = html.unescape((await signed.get("/team")).text)
    assert "Rôle changé : Telegram 8242 (animation de rencontres) est maintenant médiation." in after
    named = await signed.post(f"/team/{other}/name", {"display_name": "  Marie   Dupont "})
    assert named.status_code == 303
    listing = html.unescape((await signed.get("/team")).text)
    assert "Nom affiché enregistré." in listing and '<th scope="row"><bdi>Marie Dupont</bdi></th>' in listing
    too_long = await signed.post(f"/team/{other}/name", {"display_name": "x" * 81})
    assert too_long.status_code == 422 and "au plus 80 caractères" in html.unescape(too_long.text)
    me = await member_id(desk, 8241)
    await signed.post(f"/team/{me}/name", {"display_name": "Claire"})
    home = await signed.get("/")
    assert "<span><bdi>Claire</bdi> · coordination</span>" in home.text
    cleared = await signed.post(f"/team/{me}/name", {"display_name": "   "})
    assert cleared.status_code == 303
    no_name = (await signed.get("/")).text
    assert "<span><bdi>Telegram 8241</bdi> · coordination</span>" in no_name  # no name: the number
    assert [a for a in await actions(desk) if a[1] in ("rename_staff", "grant_role")][-4:] == [
        ("telegram:8241", "grant_role"),
        ("telegram:8241", "rename_staff"),
        ("telegram:8241", "rename_staff"),
        ("telegram:8241", "rename_staff"),
    ]


async def test_revoke_asks_first_then_signs_the_member_out(desk: Desk) -> None:
    revoked = await desk.sign_in(8252, "mediator")
    assert (await revoked.get("/")).status_code == 200
    signed = await desk.sign_in(8251, "coordinator")
    other = await member_id(desk, 8252)
    confirm = await signed.get(f"/team/{other}/revoke")
    assert confirm.status_code == 200 and "Oui, retirer son rôle" in confirm.text
    done = await signed.post(f"/team/{other}/revoke")
    assert done.status_code == 303
    listing = html.unescape((await signed.get("/team")).text)
    assert "Rôle retiré : Telegram 8252 (médiation) ne fait plus partie de l'équipe" in listing
    assert "<td>8252</td>" not in listing
    assert (await revoked.get("/")).status_code == 403
    assert ("telegram:8251", "revoke_role") in await actions(desk)
    assert (await signed.post(f"/team/{other}/revoke")).status_code == 404


async def test_a_coordinator_cannot_revoke_themself_and_one_coordinator_remains(desk: Desk) -> None:
    signed = await desk.sign_in(8261, "coordinator")
    me = await member_id(desk, 8261)
    confirm = html.unescape((await signed.get(f"/team/{me}/revoke")).text)
    assert "Vous ne pouvez pas retirer ni changer votre propre rôle" in confirm and "Oui, retirer" not in confirm
    refused = await signed.post(f"/team/{me}/revoke")
    assert refused.status_code == 409 and "votre propre rôle" in html.unescape(refused.text)
    demoted = await signed.post(f"/team/{me}/role", {"role": "mediator"})
    assert demoted.status_code == 409
    assert (await signed.get("/team")).status_code == 200  # still a coordinator
    operator = await desk.sign_in(None)  # the server's operator is no staff member: only the last-one rule holds
    last = await operator.post(f"/team/{me}/revoke")
    assert last.status_code == 409 and "dernière coordinatrice" in html.unescape(last.text)


async def test_team_pages_refused_to_others_and_without_csrf(desk: Desk) -> None:
    await desk.sign_in(8272, "facilitator")
    other = await member_id(desk, 8272)
    mediator = await desk.sign_in(8271, "mediator")
    for path in ["/team", "/team/invites/1", f"/team/{other}/revoke"]:
        assert (await mediator.get(path)).status_code == 403, path
        assert (await desk.browser().get(path)).status_code == 403, path
    for path, data in [
        ("/team/invites", {"role": "mediator"}),
        (f"/team/{other}/role", {"role": "mediator"}),
        (f"/team/{other}/name", {"display_name": "X"}),
        (f"/team/{other}/revoke", {}),
    ]:
        assert (await mediator.post(path, data)).status_code == 403, path
        coordinator = await desk.sign_in(8273, "coordinator")
        refused = await coordinator.client.post(path, data=data)
        assert refused.status_code == 403 and "jeton de sécurité" in html.unescape(refused.text), path
    assert (await desk.sign_in(8272, "facilitator")).csrf  # still on the team: nothing was changed
    assert not [a for a in await actions(desk) if a[1] in ("create_invite", "rename_staff", "revoke_role")]


async def test_an_unmatched_override_is_not_kept_in_a_display_name(desk: Desk) -> None:
    """A name typed with a lone U+202E (or a lone U+2069) is stored without it: it cannot reverse the console's
    line or the person's « Message de … » in Telegram; a closed pair is kept, inside the name's <bdi>."""
    await desk.sign_in(8292, "facilitator")
    signed = await desk.sign_in(8291, "coordinator")
    other = await member_id(desk, 8292)
    await signed.post(f"/team/{other}/name", {"display_name": "Marie \u202eDupont\u2069"})
    listing = html.unescape((await signed.get("/team")).text)
    assert '<th scope="row"><bdi>Marie Dupont</bdi></th>' in listing
    await signed.post(f"/team/{other}/name", {"display_name": "Marie \u202eDupont\u202c"})
    listing = html.unescape((await signed.get("/team")).text)
    assert '<th scope="row"><bdi>Marie \u202eDupont\u202c</bdi></th>' in listing


async def test_flashes_naming_a_colleague_keep_an_override_inside_the_name(desk: Desk) -> None:
    """A name stored with an open U+202E (before names were cleaned) is flashed between FSI and PDI, its override
    closed right after it, after a role change or a removal: the rest of the sentence keeps its order."""
    await desk.sign_in(8296, "facilitator")
    signed = await desk.sign_in(8295, "coordinator")
    other = await member_id(desk, 8296)
    await name_staff(desk.db, 8296, "\u202eABC")
    named = "\u2068\u202eABC\u202c\u2069 (animation de rencontres)"
    await signed.post(f"/team/{other}/role", {"role": "facilitator"})
    listing = html.unescape((await signed.get("/team")).text)
    assert f'<p class="flash" role="status">{named} avait déjà ce rôle.</p>' in listing
    await signed.post(f"/team/{other}/revoke")
    listing = html.unescape((await signed.get("/team")).text)
    assert f'<p class="flash" role="status">Rôle retiré : {named} ne fait plus partie de l\'équipe' in listing
