"""Over HTTP: a person asks for a call-back, two staff are told, one takes it, they talk through the bot, it closes."""

from __future__ import annotations

import html
import re
import time

import httpx

from bot.signing import Signer
from tests.bot.conftest import TOKEN, BotProcess
from tests.support.cli import RunCli
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage
from tests.support.profiles import ALONE_ON_800, NO_SITUATION

RIGHTS_CHECK = ["press:Bilan", *ALONE_ON_800, "press:Non", *NO_SITUATION]
CALL_ME_BACK = ["press:📞 Parler", "press:Oui", "press:Par téléphone", "type:0671829304", "press:Le matin"]


def act(api: FakeBotAPI, user: FakeUser, shown: list[SentMessage], step: str) -> list[SentMessage]:
    """Press a button of the latest screen whose label contains the text, or type text; the new screen."""
    mark = api.mark(user.chat_id)
    kind, _, value = step.partition(":")
    if kind == "press":
        message = next(m for m in reversed(shown) if any(value in label for label in m.labels))
        api.press(user, message, message.button(value))

        def edited() -> SentMessage:  # a box ticked: the bot edits the question in place
            return next(m for m in api.messages(user.chat_id) if m.message_id == message.message_id)

        def new() -> list[SentMessage]:
            return [m for m in api.messages(user.chat_id) if m.message_id > mark]

        api.wait_until(lambda: edited().labels != message.labels or bool(new()), timeout=30)
        if not new():
            return [edited()]
    else:
        api.send_text(user, value if kind == "type" else step)
    first = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
    time.sleep(0.3)  # the rest of the screen (a card, then the menu)
    return first + [m for m in api.messages(user.chat_id) if m.message_id > first[-1].message_id]


def newcomer(api: FakeBotAPI, user: FakeUser) -> list[SentMessage]:
    """/start, French, consent: the main menu."""
    shown = act(api, user, [], "/start")
    shown = act(api, user, shown, "press:Français")
    return act(api, user, shown, "press:J'accepte")


def csrf_of(page: str) -> str:
    """The CSRF token of a console page's forms."""
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def next_message(api: FakeBotAPI, user: FakeUser, mark: int) -> SentMessage:
    """The next message the bot sends this user on its own (a notice, a relayed message)."""
    (found,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
    return found


def in_a_case(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli, first_id: int, reply: str = "Bonjour, je vous écoute."
) -> tuple[FakeUser, SentMessage]:
    """A coordinator took a person's request for help and wrote `reply` to them: the holder and the message she got."""
    marie, amina = api.user(first_id), api.user(first_id + 1)
    run_cli("staff", "add-coordinator", str(marie.chat_id), env={"DATABASE_URL": bot.env["DATABASE_URL"]}).check()
    newcomer(api, marie)
    mark = api.mark(marie.chat_id)
    shown = newcomer(api, amina)
    for step in ["press:Bilan", "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui, demander"]:
        shown = act(api, amina, shown, step)
    notice = next_message(api, marie, mark)
    (taken,) = act(api, marie, [notice], "press:Je la prends")
    mark = api.mark(amina.chat_id)
    api.send_reply(marie, taken, reply)
    return marie, next_message(api, amina, mark)


def test_a_call_back_request_reaches_a_person_and_back(api: FakeBotAPI, bot: BotProcess, run_cli: RunCli) -> None:
    bot.stop()
    bot.env["FLOOD_LIMIT"] = "200"  # a test answers the whole rights check within seconds
    bot.start()
    api.wait_until_polling(timeout=60)
    env = {"DATABASE_URL": bot.env["DATABASE_URL"]}
    marie, paul = api.user(71001, first_name="Marie"), api.user(71002, first_name="Paul")
    amina = api.user(71100, first_name="Amina")
    for staff in (marie, paul):
        run_cli("staff", "add-coordinator", str(staff.chat_id), env=env).check()
        newcomer(api, staff)
    staff_marks = {s.chat_id: api.mark(s.chat_id) for s in (marie, paul)}

    shown = newcomer(api, amina)
    for step in [*RIGHTS_CHECK, *CALL_ME_BACK]:
        shown = act(api, amina, shown, step)
    assert "Une personne de l'équipe vous répondra dans les 2 jours ouvrés au plus." in shown[0].text

    # Both coordinators are told, without any health detail or phone number.
    notices = [next_message(api, s, staff_marks[s.chat_id]) for s in (marie, paul)]
    for notice in notices:
        assert notice.text.startswith("🔔 Nouvelle demande n° 1 : demande de rappel, en français.")
        assert "0671829304" not in notice.text and "800" not in notice.text
        assert notice.labels == ["✋ Je la prends", "🖥 Ouvrir dans la console"]

    # A person who is not staff forging "Take it" (even correctly signed) changes nothing.
    mark = api.mark(amina.chat_id)
    api.press(amina, shown[-1], Signer(TOKEN).sign(amina.chat_id, "ct:1"), force=True)
    (stale,) = api.wait_for_messages(amina.chat_id, 1, after=mark, timeout=30)
    assert stale.text.startswith("Ce bouton n'est plus valide")

    # Both press "Take it" at once: exactly one holds it, the other is told who does.
    marks = {s.chat_id: api.mark(s.chat_id) for s in (marie, paul)}
    for staff, notice in zip((marie, paul), notices, strict=True):
        api.press(staff, notice, notice.button("Je la prends"))
    answers = {s.chat_id: next_message(api, s, marks[s.chat_id]) for s in (marie, paul)}
    winners = [s for s in (marie, paul) if answers[s.chat_id].text.startswith("✋ Vous avez pris la demande n° 1")]
    losers = [s for s in (marie, paul) if "est déjà prise par" in answers[s.chat_id].text]
    assert len(winners) == 1 and len(losers) == 1
    holder = winners[0]
    # No display name set in the console: the holder's Telegram first name, as seen on her updates, never her number.
    told = answers[losers[0].chat_id].text
    assert f"La demande n° 1 est déjà prise par {holder.first_name}." in told and str(holder.chat_id) not in told

    # The holder opens the case in the console from Telegram and writes from there.
    (link_message,) = act(api, holder, [answers[holder.chat_id]], "press:Ouvrir dans la console")
    found = re.search(r"(http://127\.0\.0\.1:\d+)/login/([\w-]+)\?next=/inbox/1", link_message.text)
    assert found is not None, link_message.text
    console = httpx.Client(base_url=found.group(1), timeout=30)
    assert console.get(f"/login/{found.group(2)}?next=/inbox/1").status_code == 200  # a button; nothing spent
    signed_in = console.post(f"/login/{found.group(2)}", data={"next": "/inbox/1"}, follow_redirects=True)
    assert signed_in.url.path == "/inbox/1" and "Demande de rappel" in signed_in.text
    page_words = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(signed_in.text)).split())
    assert f"Prise par {holder.first_name} (vous)" in page_words and str(holder.chat_id) not in page_words
    listing = html.unescape(console.get("/inbox").text)
    assert f"<td><bdi>{holder.first_name}</bdi></td>" in listing and str(holder.chat_id) not in listing
    assert "0671829304" in signed_in.text.replace(" ", "")  # what she chose to share: how to reach her
    mark = api.mark(amina.chat_id)
    written = console.post(
        "/inbox/1/write",
        data={"csrf": csrf_of(signed_in.text), "text": "Bonjour, je peux vous appeler demain à 10 h ?"},
        follow_redirects=True,
    )
    assert written.status_code == 200 and "Message envoyé" in written.text
    received = next_message(api, amina, mark)
    assert received.text.startswith("💬 Message de votre travailleur·se social·e :\n\nBonjour, je peux vous appeler")
    assert "pas avec un robot" in received.text and received.labels == ["↩️ Revenir au bot"]

    # Amina answers: it goes to the holder, not into a questionnaire.
    mark = api.mark(holder.chat_id)
    shown = act(api, amina, [received], "type:Oui, merci, à 10 h c'est parfait")
    assert shown[0].text.startswith("✉️ Transmis. Vous parlez avec une personne de l'équipe")  # never a number
    relayed = next_message(api, holder, mark)
    assert "Oui, merci, à 10 h c'est parfait" in html.unescape(console.get("/inbox/1").text)  # and in the console
    assert relayed.text == (
        "💬 Demande n° 1 (demande de rappel) — la personne a écrit :\n\nOui, merci, à 10 h c'est parfait"
    )

    # The holder answers with Telegram's "Reply" on the relayed message: it goes to Amina too.
    marks = {amina.chat_id: api.mark(amina.chat_id), holder.chat_id: api.mark(holder.chat_id)}
    api.send_reply(holder, relayed, "Parfait, à demain 10 h.")
    assert next_message(api, holder, marks[holder.chat_id]).text.startswith("✅ Message envoyé à la personne")
    assert "Parfait, à demain 10 h." in next_message(api, amina, marks[amina.chat_id]).text

    # The holder closes it; Amina is told and has her menu back.
    shown = act(api, holder, [relayed], "press:Clore la demande")
    mark = api.mark(amina.chat_id)
    shown = act(api, holder, shown, "press:la personne a été aidée")
    assert shown[0].text.startswith("✅ La demande n° 1 est close : la personne a été aidée.")
    closed = next_message(api, amina, mark)
    assert closed.text.startswith("✅ Votre demande n° 1 (demande de rappel) est close.")
    assert "📨 Mes demandes" in closed.labels and "🩺 Bilan de mes droits santé" in closed.labels

    # What she types now goes to the bot again; her request shows as closed.
    shown = act(api, amina, [closed], "press:Mes demandes")
    assert "n° 1 · demande de rappel" in shown[0].text and "✅ Close." in shown[0].text
    assert "Amina" not in bot.output() and "0671829304" not in bot.output() and "merci" not in bot.output()
    assert holder.first_name not in bot.output()  # a staff member's name is stored, never logged


RLO, PDF, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"
"""Right-to-left override and its end, first-strong isolate and its end (UAX #9)."""


def test_an_override_typed_in_a_case_stays_inside_its_message(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    """The staff member's message and the person's answer carry a lone U+202E: each reader gets it isolated and
    closed, so the bot's own sentence after it ("pas avec un robot…") keeps its order."""
    marie, received = in_a_case(api, bot, run_cli, 71301, reply=f"Bonjour {RLO}à demain 10 h")
    assert f"\n\n{FSI}Bonjour {RLO}à demain 10 h{PDF}{PDI}\n\nVous parlez avec une personne" in received.text
    amina = api.user(71302)
    mark = api.mark(marie.chat_id)
    act(api, amina, [received], f"type:oui {RLO}je viens")
    relayed = next_message(api, marie, mark)
    assert relayed.text.endswith(f"la personne a écrit :\n\n{FSI}oui {RLO}je viens{PDF}{PDI}"), relayed.text
