"""Signing in with a one-time link: once, within ten minutes, for staff only; signing out; idle expiry."""

from __future__ import annotations

import html
import re

import httpx
from sqlalchemy import update

from storage.models import ConsoleSession
from storage.staff import revoke
from tests.conftest import NOW
from tests.support.records import a_person
from tests.web.console.conftest import CSRF, Desk


async def test_a_link_opens_the_console_once(desk: Desk) -> None:
    await desk.sign_in(7001, "facilitator")
    path = await desk.link(7001)
    browser = desk.browser()
    page = await browser.get(path)
    assert page.status_code == 200 and "Ouvrir la console" in page.text  # a preview fetching it spends nothing
    opened = await browser.post(path)
    assert opened.status_code == 303
    cookie = opened.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    home = await browser.get("/")
    assert home.status_code == 200 and "animation de rencontres" in home.text
    again = await desk.browser().post(path)
    assert again.status_code == 403 and "n'est plus valable" in again.text
    assert "Traceback" not in again.text


async def test_a_sign_in_form_posted_from_another_site_opens_nothing(desk: Desk) -> None:
    """Login CSRF: another site posting its own link would sign the staff member in to someone else's account.

    A form the browser says comes from another site (Sec-Fetch-Site), or whose Origin is another site's, is
    refused in words and the link is not spent. From the console's own page, which Chromium sends with
    `Origin: null` under the no-referrer policy, it signs in."""
    await desk.sign_in(7021, "coordinator")
    path = await desk.link(7021)
    for elsewhere in (
        {"Sec-Fetch-Site": "cross-site", "Origin": "null"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://other.example.org"},
        {"Origin": "https://evil.example"},
    ):
        refused = await desk.browser().post(path, headers=elsewhere)
        assert refused.status_code == 403 and "vient d'un autre site" in refused.text
        assert "set-cookie" not in refused.headers
    opened = await desk.browser().post(path, headers={"Sec-Fetch-Site": "same-origin", "Origin": "null"})
    assert opened.status_code == 303 and "set-cookie" in opened.headers


async def test_an_expired_or_forged_link_is_refused(desk: Desk) -> None:
    await desk.sign_in(7002, "mediator")
    path = await desk.link(7002)
    desk.clock.advance(minutes=11)
    assert (await desk.browser().get(path)).status_code == 403
    assert (await desk.browser().post(path)).status_code == 403
    forged = await desk.browser().post("/login/not-a-real-token")
    assert forged.status_code == 403 and "/console" in forged.text


async def test_without_a_session_every_page_is_refused(desk: Desk) -> None:
    page = await desk.browser().get("/")
    assert page.status_code == 403
    assert "Envoyez /console au bot" in page.text


async def test_a_form_without_its_csrf_token_is_refused(desk: Desk) -> None:
    signed = await desk.sign_in(7003, "coordinator")
    refused = await signed.client.post("/language", data={"language": "en"})
    assert refused.status_code == 403 and "jeton de sécurité" in refused.text
    wrong = await signed.client.post("/language", data={"language": "en", "csrf": "forged"})
    assert wrong.status_code == 403


async def test_signing_out_and_idle_expiry(desk: Desk) -> None:
    signed = await desk.sign_in(7004, "coordinator")
    assert (await signed.post("/logout")).status_code == 303
    assert (await signed.get("/")).status_code == 403
    other = await desk.sign_in(7004, "coordinator")
    desk.clock.advance(minutes=31)
    assert (await other.get("/")).status_code == 403


async def test_a_revoked_staff_member_is_out_at_once(desk: Desk) -> None:
    signed = await desk.sign_in(7005, "facilitator")
    async with desk.db.unit_of_work() as session:
        assert await revoke(session, 7005, "test", NOW)
    assert (await signed.get("/")).status_code == 403


async def test_the_console_speaks_english_on_request(desk: Desk) -> None:
    signed = await desk.sign_in(7006, "coordinator")
    switched = await signed.post("/language", {"language": "en", "back": "/"})
    assert switched.status_code == 303
    page = await signed.get("/")
    assert 'lang="en"' in page.text


async def test_pages_carry_security_headers(desk: Desk) -> None:
    signed = await desk.sign_in(7007, "coordinator")
    page = await signed.get("/")
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert 'class="skip" href="#content"' in page.text


async def test_a_language_without_console_catalog_falls_back_to_french_and_says_so(desk: Desk) -> None:
    signed = await desk.sign_in(7008, "coordinator")
    async with desk.db.unit_of_work() as session:
        await session.execute(update(ConsoleSession).values(language="uk"))
    page = await signed.get("/")
    assert 'lang="fr"' in page.text
    assert "La console n'est pas encore traduite en ukrainien : elle s'affiche en français." in page.text


async def test_the_cookie_is_secure_behind_https(desk: Desk) -> None:
    await desk.sign_in(7009, "coordinator")
    path = await desk.link(7009)
    browser = httpx.AsyncClient(transport=httpx.ASGITransport(app=desk.app), base_url="https://desk.example.org")
    desk.clients.append(browser)
    opened = await browser.post(path)
    assert "secure" in opened.headers["set-cookie"].lower()


async def test_every_cookie_is_secure_behind_https(desk: Desk) -> None:
    await desk.sign_in(7010, "coordinator")
    browser = httpx.AsyncClient(transport=httpx.ASGITransport(app=desk.app), base_url="https://desk.example.org")
    desk.clients.append(browser)
    await browser.post(await desk.link(7010))
    csrf = CSRF.search((await browser.get("/")).text)
    assert csrf is not None
    switched = await browser.post("/language", data={"csrf": csrf.group(1), "language": "en", "back": "/"})
    invited = await browser.post("/team/invites", data={"csrf": csrf.group(1), "role": "mediator"})
    cookies = [*switched.headers.get_list("set-cookie"), *invited.headers.get_list("set-cookie")]
    assert sorted(cookie.split("=", 1)[0] for cookie in cookies) == ["faire_lien_flash", "faire_lien_lang"]
    assert all("secure" in cookie.lower() for cookie in cookies), cookies


async def test_switching_language_comes_back_to_the_same_filtered_page(desk: Desk) -> None:
    signed = await desk.sign_in(7011, "coordinator")
    page = await signed.get("/team/audit?action=read_roster&from=2026-11-01")
    back = re.search(r'name="back" value="([^"]+)"', page.text)
    assert back is not None
    switched = await signed.post("/language", {"language": "en", "back": html.unescape(back.group(1))})
    assert switched.headers["location"] == "/team/audit?action=read_roster&from=2026-11-01"
    shown = await signed.get(switched.headers["location"])
    assert 'lang="en"' in shown.text and 'value="2026-11-01"' in shown.text


async def test_an_address_the_console_does_not_have_is_its_own_clear_page(desk: Desk) -> None:
    signed = await desk.sign_in(7012, "coordinator")
    for method, path, status in (("GET", "/sessions/-1", 404), ("GET", "/nowhere", 404), ("GET", "/logout", 405)):
        page = await signed.client.request(method, path)
        assert page.status_code == status, path
        assert "Cette page n'existe pas, ou plus." in html.unescape(page.text), path
        assert page.headers["x-frame-options"] == "DENY" and page.headers["cache-control"] == "no-store"


async def test_a_staff_member_whose_language_has_no_console_is_told_in_plain_french(desk: Desk) -> None:
    """A mediator who uses the bot in Arabic (or Persian) reads the console in French: the line saying so names both
    languages as French writes them ("en arabe", "en français"), not by their own names mid-sentence ("en العربية",
    "en Français")."""
    for telegram_id, language, named in ((8711, "ar", "arabe"), (8712, "fa", "persan (Iran)")):
        async with desk.db.unit_of_work() as session:
            await a_person(session, telegram_id, language)
        signed = await desk.sign_in(telegram_id, "mediator")
        home = html.unescape((await signed.get("/")).text)
        said = f"La console n'est pas encore traduite en {named} : elle s'affiche en français."
        assert said in home, home
        await signed.post("/language", {"language": "en", "back": "/"})
        assert "not translated" not in (await signed.get("/")).text  # chosen: nothing more to say
