"""Staff in the bot: /staff, publish a meeting by conversation, follow registrations, mark attendance."""

from __future__ import annotations

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import AuditEntry, Case, Meeting, Registration
from storage.people import Identity
from tests.conftest import make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.clock import Clock
from tests.support.db import rows

STAFF_ID = 9
RECAP = [
    "• Type : Réunion d'information",
    "• Titre : Réunion C2S",
    "• Jour : 1er décembre 2026",
    "• Début : 14:00",
    "• Durée : 2 heures",
    "• Lieu : CPAM Poitiers",
    "• Adresse : 41 rue Touffenet, 86000 Poitiers",
    "• Places : 2",
]
"""The answers of the publishing conversation these tests give, as its card repeats them."""


async def test_staff_publish_follow_and_mark_attendance(flows: dict[str, Flow], db: Database) -> None:
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    clock = Clock()
    assistant = Assistant(shipped, available_languages(), clock=clock)
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    await make_staff(db, STAFF_ID, "facilitator")
    public = Talker(assistant, db, who=Identity(telegram_id=10))
    for talker in (staff, public):
        for step in ["/start", "press:Français", "press:J'accepte"]:
            await talker.do(step)

    await public.do("/staff")
    assert public.screen[0].text.startswith("Je ne connais pas cette commande.")
    await public.do("raw:go:publish_session")  # a forged button does not open the staff flow
    assert public.screen[0].text.startswith("Ce bouton n'est plus valide.")

    await staff.do("/staff")
    assert staff.screen[0].labels()[:3] == [
        ["📥 Demandes des personnes"],
        ["🛠 Publier une rencontre"],
        ["📋 Suivre les inscriptions"],
    ]
    for step in [
        "press:Publier",
        "press:Réunion d'information",
        "type:Réunion C2S",
        "type:01/01/2020",
        "type:01/12/2026",
        "type:14h",
        "type:14h00",
        "press:2 heures",
        "type:CPAM Poitiers",
        "type:41 rue Touffenet, 86000 Poitiers",
        "type:2",
        "press:Passer",
    ]:
        await staff.do(step)
    assert staff.screen[0].text.startswith("✅ Rencontre publiée : les personnes peuvent s'inscrire.")
    (meeting,) = await rows(db, Meeting)
    assert (meeting.kind, meeting.title, meeting.capacity, meeting.created_by) == (
        "info_meeting",
        {"fr": "Réunion C2S"},
        2,
        f"telegram:{STAFF_ID}",
    )
    assert meeting.starts_at.isoformat() == "2026-12-01T13:00:00+00:00"  # 14:00 in Paris
    assert meeting.ends_at.isoformat() == "2026-12-01T15:00:00+00:00"

    await public.do(f"raw:reg:{meeting.id}")
    (registration,) = await rows(db, Registration)
    await staff.do("/staff")
    await staff.do("press:Suivre")
    await staff.do("press:Réunion C2S")
    roster = staff.screen[0]
    assert "Inscrits : 1/2 · liste d'attente : 0" in roster.text
    clock.now = meeting.starts_at  # check-in opens an hour before the start
    await staff.do(f"raw:att:{registration.id}:present")
    assert "Présences — présent·es : 1 · absent·es : 0 · excusé·es : 0 · à noter : 0" in staff.screen[0].text
    assert [(a.actor, a.action) for a in await rows(db, AuditEntry) if a.action != "grant_role"] == [
        (f"telegram:{STAFF_ID}", "read_roster"),
        (f"telegram:{STAFF_ID}", "mark_attendance"),
        (f"telegram:{STAFF_ID}", "read_roster"),
    ]
    await public.do(f"raw:att:{registration.id}:absent")
    assert public.screen[0].text.startswith("Ce bouton n'est plus valide.")
    assert (await rows(db, Registration))[0].attendance == "present"


async def test_attendance_buttons_name_people_by_the_booking_code_they_show(
    flows: dict[str, Flow], db: Database
) -> None:
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    clock = Clock()
    assistant = Assistant(shipped, available_languages(), clock=clock)
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    await make_staff(db, STAFF_ID, "facilitator")
    public = Talker(assistant, db, who=Identity(telegram_id=10))
    for talker in (staff, public):
        for step in ["/start", "press:Français", "press:J'accepte"]:
            await talker.do(step)
    await staff.do("/staff")
    for step in ["press:Publier", "press:Réunion d'information", "type:Réunion C2S", "type:01/12/2026", "type:14h00"]:
        await staff.do(step)
    for step in ["press:2 heures", "type:CPAM Poitiers", "type:41 rue Touffenet, 86000 Poitiers", "type:2"]:
        await staff.do(step)
    await staff.do("press:Passer")
    (meeting,) = await rows(db, Meeting)
    await public.do(f"raw:reg:{meeting.id}")
    (registration,) = await rows(db, Registration)
    assert registration.code is not None and registration.code in public.screen[0].text  # "à montrer à l'accueil"

    clock.now = meeting.starts_at
    for step in ["/staff", "press:Suivre", "press:Réunion C2S", f"press:✅ {registration.code}"]:
        await staff.do(step)
    assert staff.screen[0].labels()[0] == [
        f"✅✅ {registration.code}",
        f"❌ {registration.code}",
        f"🟡 {registration.code}",
    ]
    assert (await rows(db, Registration))[0].attendance == "present"
    async with db.unit_of_work() as session:  # a registration made before booking codes: named by its number
        older = await session.get(Registration, registration.id)
        assert older is not None
        older.code = None
    for step in ["/staff", "press:Suivre", "press:Réunion C2S"]:
        await staff.do(step)
    assert staff.screen[0].labels()[0][1] == f"❌ n° {registration.id}"  # the staff's words, as « No. 7 » in English


async def test_publishing_a_session_ends_on_the_staff_area(assistant: Assistant, db: Database) -> None:
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    await make_staff(db, STAFF_ID, "facilitator")
    for step in ["/start", "press:Français", "press:J'accepte", "/staff", "press:Publier"]:
        await staff.do(step)
    for step in ["press:Réunion d'information", "type:Réunion C2S", "type:01/12/2026", "type:14h00"]:
        await staff.do(step)
    for step in ["press:2 heures", "type:CPAM Poitiers", "type:41 rue Touffenet, 86000 Poitiers", "type:2"]:
        await staff.do(step)
    await staff.do("press:Passer")
    published, menu = staff.screen
    assert published.text.split("\n\n")[0] == "\n".join(  # no minimum given: « aucun », not « (sans réponse) »
        [
            "✅ Rencontre publiée : les personnes peuvent s'inscrire.",
            *RECAP,
            "• Minimum d'inscrits : aucun",
            "🔗 Pour s'inscrire, les personnes envoient au bot : /start s_1",
        ]
    )
    # Not the person's « Merci ! Vos réponses sont enregistrées. » over the main menu, where /staff must be typed again
    assert menu.text == "Espace professionnels :"
    assert ["📋 Suivre les inscriptions"] in menu.labels()


async def test_the_published_card_gives_the_link_to_share(flows: dict[str, Flow], db: Database) -> None:
    """With the bot's username configured (TELEGRAM_BOT_USERNAME), the card ends with the session's t.me link, the
    one the console's poster prints; a minimum given reads as typed."""
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant(shipped, available_languages(), clock=Clock(), bot_username="@FaireLienBot")
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    await make_staff(db, STAFF_ID, "facilitator")
    for step in ["/start", "press:Français", "press:J'accepte", "/staff", "press:Publier"]:
        await staff.do(step)
    for step in ["press:Réunion d'information", "type:Réunion C2S", "type:01/12/2026", "type:14h00"]:
        await staff.do(step)
    for step in ["press:2 heures", "type:CPAM Poitiers", "type:41 rue Touffenet, 86000 Poitiers", "type:2", "type:1"]:
        await staff.do(step)
    (meeting,) = await rows(db, Meeting)
    assert staff.screen[0].text.split("\n\n")[0] == "\n".join(  # then what C2S and CPAM mean
        [
            "✅ Rencontre publiée : les personnes peuvent s'inscrire.",
            *RECAP,
            "• Minimum d'inscrits : 1",
            f"🔗 Lien à partager pour s'inscrire : https://t.me/FaireLienBot?start=s_{meeting.id}",
        ]
    )


async def test_a_staff_question_not_understood_is_flagged_not_sent_to_the_team(
    assistant: Assistant, db: Database
) -> None:
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    await make_staff(db, STAFF_ID, "facilitator")
    for step in ["/start", "press:Français", "press:J'accepte", "/staff", "press:Publier", "press:Je ne comprends pas"]:
        await staff.do(step)
    offer, question = staff.screen
    # Not « 🙋 Demander à une personne », which opened a request as if from a person the team must help
    assert offer.text == "Vous pouvez signaler que cette question est difficile à comprendre :"
    assert offer.labels() == [["🚩 Dire que cette question est difficile"]]
    assert "Si quelqu'un vous accompagne" not in question.text
    await staff.do(f"raw:{routes.ASK_PERSON.button('', 'yes').action}")  # the button of an older screen
    assert staff.screen[0].text.startswith("Ce bouton n'est plus valide.")
    assert await rows(db, Case) == []


async def test_choosing_a_questionnaire_with_someone_leads_back_to_the_staff_area(
    assistant: Assistant, db: Database
) -> None:
    mediator = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    await make_staff(db, STAFF_ID, "mediator")
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await mediator.do(step)
    for opening in (["/staff", "press:📝"], ["/staff", "press:🌍"], ["/staff", "press:🌍", "press:العربية"]):
        for step in opening:
            await mediator.do(step)
        assert mediator.screen[-1].labels()[-2:] == [["◀ Espace professionnels"], ["☰ Menu"]], opening  # before: none
        await mediator.do("press:◀ Espace professionnels")
        assert mediator.screen[-1].text == "Espace professionnels :"
