"""Language features: "I don't understand" and flags, the draft notice, mediated mode in two languages, RTL."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from dialogs.bilingual import Bilingual
from dialogs.digits import EASTERN_ARABIC, LATIN, PERSIAN
from dialogs.i18n import FSI, PDI, RLM, language_name, translator
from dialogs.reply import Reply
from dialogs.schema import Flow
from dialogs.steps.base import USE_BUTTONS
from dialogs.text import Money, msg
from faire_lien.assistant import Assistant
from faire_lien.surveys.present import report_text
from faire_lien.surveys.results import summarize
from storage.db import Database
from storage.models import Answer, Person, QuestionFlag, Response
from storage.people import Identity
from storage.surveys import SessionAnswers
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.cli import RunCli
from tests.support.db import rows
from tests.support.digits import latin_numbers, latin_numbers_on
from tests.support.records import a_meeting
from tests.support.surveys import invited_yesterday


async def test_i_dont_understand_gives_plainer_words_and_a_flag(
    assistant: Assistant, db: Database, run_cli: RunCli
) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Je ne comprends pas"]:
        await talker.do(step)
    offer, question = talker.screen
    assert offer.labels() == [["🙋 Demander à une personne"], ["🚩 Dire que cette question est difficile"]]
    assert question.text.startswith(
        "Autrement dit :\n\nAvez-vous des papiers qui vous permettent de rester en France ?"
    )
    assert "Bilan de droits santé · question 1" in question.text
    await talker.do("press:Dire que cette question")
    assert talker.screen[0].text.startswith("Merci : l'équipe saura que cette question est difficile")
    (flagged,) = await rows(db, QuestionFlag)
    assert (flagged.flow_id, flagged.step_id, flagged.language) == ("rights_check", "residence", "fr")
    out = run_cli("flags", env={"DATABASE_URL": db.url}).check()
    assert out == (
        "  < 5  rights_check.residence [fr]\n"
        "0 flag(s) on the questions flagged 5 times or more\n"
        "1 question(s) flagged fewer than 5 times in one language: how many is not given, so that nobody can be "
        "recognised by their language\n"
    )
    await talker.do("press:Nationalité")  # the answer still goes on
    assert "Bilan de droits santé · question 2" in talker.screen[0].text


@pytest.mark.parametrize(
    ("phone", "first"),
    [
        ("prs", "فارسی (ایران)"),
        ("prs-AF", "فارسی (ایران)"),
        ("mo", "Română"),
        ("ukr", "Українська"),
        ("de", "Français"),
    ],
)
async def test_a_phone_set_to_another_name_of_a_language_we_offer_is_greeted_in_it(
    assistant: Assistant, db: Database, phone: str, first: str
) -> None:
    """Dari is Persian, Moldovan Romanian, « ukr » Ukrainian (CLDR's aliases): that language first; German: French."""
    talker = Talker(assistant, db, language_hint=phone)
    await talker.do("/start")
    (welcome,) = talker.screen
    assert welcome.labels()[0][0] == first


async def test_draft_language_is_announced_once(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db, language_hint="en")
    for step in ["/start", "press:English", "press:I agree"]:
        await talker.do(step)
    assert "This translation has not yet been checked by a professional translator" in talker.screen[0].text
    await talker.do("press:Language")
    await talker.do("press:English")
    assert "not yet been checked" not in talker.screen[0].text  # once per language


async def test_mediated_mode_shows_both_languages_and_records_it(assistant: Assistant, db: Database) -> None:
    mediator = Talker(assistant, db, who=Identity(telegram_id=31))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await mediator.do(step)
    await make_staff(db, 31, "mediator")
    for step in ["/staff", "press:dans sa langue", "press:English", "press:Health rights check"]:
        await mediator.do(step)
    assert "🇫🇷" in mediator.screen[0].text  # the consent question, in English with the French
    await mediator.do("press:J'accepte")
    question = mediator.screen[0]
    assert "What is your situation in France?\n🇫🇷 Quelle est votre situation en France ?" in question.text
    # Both languages do not fit on a phone's button: it keeps the person's, the message holds both.
    assert ["French or European nationality"] in question.labels()
    assert "\nFrench or European nationality · Nationalité française ou européenne" in question.text
    await mediator.do("press:French or European")
    (response_count,) = [len(await rows(db, Response))]
    assert response_count == 0
    people = await rows(db, Person)
    person = next(p for p in people if p.telegram_id is None)
    assert person.language == "en"
    for step in [
        "press:More than 3 months",
        "type:1992",
        "type:1",
        "press:mainland",
        "press:None of these",
        "press:Confirm",
        "press:Yes, about",
        "type:800",
        "press:No, nobody",
        "press:Confirm",
        "press:No",
        "press:without housing",
        "press:No ·",
        "press:None of these situations",
        "press:Confirm",
    ]:
        await mediator.do(step)
    card = "\n".join(r.text for r in mediator.screen)
    assert "🟢 Free C2S: you are probably eligible · 🟢 C2S gratuite : droit probable" in card
    assert "• Your household: 1 person.\n🇫🇷 • Votre foyer : 1 personne." in card
    assert "\n🔒 Pour les professionnels\n• " in card  # a mediator's card: staff details too, in French alone
    assert "For professionals" not in card
    (response,) = await rows(db, Response)
    assert (response.person_id, response.mediated_language) == (person.id, "en")
    assert {a.given_by for a in await rows(db, Answer)} == {people[0].id}


def test_right_to_left_isolates_numbers_amounts_and_latin_words() -> None:
    arabic = translator("ar")
    text = arabic(
        msg("{total} dépasse le plafond ({limit}).", "rights", total=Money(Decimal(12000)), limit=Money(Decimal(10339)))
    )
    assert text.startswith(RLM)
    assert text.count(FSI) == 2 and text.count(PDI) == 2
    assert translator("fr")(msg("{n} €", "x", n=3)) == "3 €"  # left-to-right text is untouched


def test_bilingual_labels_share_a_line_and_texts_get_two() -> None:
    both = Bilingual("en")
    assert both(msg("Oui", "button")) == "Yes · Oui"
    long = both(msg("Quelle est votre situation en France ?", "flow:rights_check"))
    assert long == "What is your situation in France?\n🇫🇷 Quelle est votre situation en France ?"


async def test_changing_language_keeps_the_place_in_the_flow(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité", "/language"]:
        await talker.do(step)
    await talker.do("press:English")
    text = talker.screen[0].text
    assert text.startswith("Language chosen: English.")
    assert "Health rights check · question 2\nHow long have you lived in France without a break?" in text


async def test_the_language_list_names_portuguese_and_persian_honestly(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    await talker.do("/start")
    names = [row[0] for row in talker.screen[0].labels()]
    assert "Português (Portugal)" in names  # the catalog is European Portuguese
    assert "فارسی (ایران)" in names  # the catalog is Iranian Persian, not Dari
    assert "Português" not in names and "فارسی" not in names


async def tap(talker: Talker, token: str) -> None:
    """Press the button of the question shown whose action ends with this token ("o0", "back", "done")."""
    actions = [b.action for reply in talker.screen for row in reply.buttons for b in row]
    (action,) = [a for a in actions if a.endswith(f":{token}")]
    await talker.send("action", action)


@pytest.mark.parametrize(
    ("language", "name", "digits", "year", "amount", "yearly"),
    [
        ("fa", "فارسی (ایران)", PERSIAN, "۱۹۷۶", "۱٬۲۰۰", "۱۴٬۴۰۰"),  # Persian writes its own digits
        ("ar", "العربية", EASTERN_ARABIC, "1976", "1,200", "14,400"),  # CLDR's Arabic writes Latin digits
        ("fr", "Français", PERSIAN, "1976", "1\u202f200", "14\u202f400"),
        ("en", "English", PERSIAN, "1976", "1,200", "14,400"),
    ],
    ids=["fa", "ar", "fr", "en"],
)
async def test_typed_numbers_come_back_as_the_language_writes_numbers(
    assistant: Assistant, db: Database, language: str, name: str, digits: str, year: str, amount: str, yearly: str
) -> None:
    """A year and an amount typed with Latin digits, then again with the script's own: shown one way, stored one way."""
    talker = Talker(assistant, db, language_hint=language)
    for step in ["/start", f"press:{name}", f"raw:consent:yes:{language}", "raw:menu:rights"]:
        await talker.do(step)
    await tap(talker, "o0")
    await tap(talker, "o0")
    shown: list[str] = []
    for typed, echoed in (("1976", year), ("1", None), ("1200", amount)):
        await talker.do(f"type:{typed}")
        if echoed is None:
            await tap(talker, "o0")  # where they live; then no benefit, an income about the same every month
            for token in ("t8", "done", "o0"):
                await tap(talker, token)
            continue
        await tap(talker, "back")
        (again,) = talker.screen
        assert echoed in again.text  # "Votre réponse actuelle : …"
        shown.append(again.text)
        await talker.do(f"type:{typed.translate(str.maketrans(LATIN, digits))}")  # typed again, other digits
    for token in ("t5", "done", "no", "o1", "o0", "t6", "done"):  # nobody out of work, no maintenance…
        await tap(talker, token)
    card = talker.screen[0].text
    assert year in card  # "Né·e en 1976, vous pouvez faire « Mon bilan prévention »"
    assert yearly in card  # "Ressources du foyer sur 12 mois : 14 400 €."
    if year != "1976":
        assert not any(latin in text for text in [*shown, card] for latin in ("1976", "1200", "1,200", "14,400"))
    stored = {a.step_id: a.value for a in await rows(db, Answer)}
    assert (stored["born"], stored["income_month"]) == ("1976", 1200)  # Latin digits, whichever were typed


@pytest.mark.parametrize(
    ("language", "typed"),
    [("en", "1,200 €"), ("ar", "1,200"), ("fa", "۱,۲۰۰"), ("es", "1.200 €"), ("tr", "1.200")],
    ids=["en", "ar", "fa", "es", "tr"],
)
async def test_an_income_grouped_the_way_the_language_groups_thousands_is_read(
    assistant: Assistant, db: Database, language: str, typed: str
) -> None:
    """« 1,200 » in English, Arabic or Persian, « 1.200 » in Spanish or Turkish: a thousand two hundred euros."""
    talker = Talker(assistant, db, language_hint=language)
    for step in ["/start", f"press:{language_name(language)}", f"raw:consent:yes:{language}", "raw:menu:rights"]:
        await talker.do(step)
    await _to_the_monthly_income(talker)
    await talker.do(f"type:{typed}")
    for token in ("t5", "done", "no", "o1", "o0", "t6", "done"):  # the next questions: no refusal came first
        await tap(talker, token)
    stored = {a.step_id: a.value for a in await rows(db, Answer)}
    assert stored["income_month"] == 1200


async def test_a_mediator_types_the_amount_the_way_the_persons_language_groups_it(
    assistant: Assistant, db: Database
) -> None:
    """A French mediator with a Spanish-speaking person: « 1.200 » is the person's thousand two hundred; in French
    (the mediator's own language) the same text is refused as ambiguous."""
    mediator = Talker(assistant, db, who=Identity(telegram_id=31))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await mediator.do(step)
    await make_staff(db, 31, "mediator")
    for step in ["/staff", "press:dans sa langue", "press:Español", "press:Revisión de derechos", "press:J'accepte"]:
        await mediator.do(step)
    await _to_the_monthly_income(mediator)
    await mediator.do("type:1.200")
    for token in ("t5", "done", "no", "o1", "o0", "t6", "done"):  # the next questions: no refusal came first
        await tap(mediator, token)
    stored = {a.step_id: a.value for a in await rows(db, Answer)}
    assert stored["income_month"] == 1200


async def test_a_french_reader_is_still_asked_what_the_full_stop_separates(assistant: Assistant, db: Database) -> None:
    """« 1.200 » in French: a thousand two hundred or 1,20 €? Asked again, with an example."""
    talker = Talker(assistant, db, language_hint="fr")
    for step in ["/start", "press:Français", "raw:consent:yes:fr", "raw:menu:rights"]:
        await talker.do(step)
    await _to_the_monthly_income(talker)
    await talker.do("type:1.200")
    assert talker.screen[0].text.startswith("Je ne sais pas si le point sépare les milliers ou les centimes.")


async def _to_the_monthly_income(talker: Talker) -> None:
    """From the rights check's first question to its monthly income: a national born in 1976 living alone in
    mainland France, no benefit, an income about the same every month."""
    await tap(talker, "o0")
    await tap(talker, "o0")
    await talker.do("type:1976")
    await talker.do("type:1")
    await tap(talker, "o0")
    for token in ("t8", "done", "o0"):
        await tap(talker, token)


async def test_a_persian_rights_check_shows_no_latin_number(assistant: Assistant, db: Database) -> None:
    """Questions, hints, a refusal's example, the recap and the rights card: numbers in Persian digits only."""
    talker = Talker(assistant, db, language_hint="fa")
    seen: list[Reply] = []
    for step in ["/start", "press:فارسی (ایران)", "raw:consent:yes:fa", "raw:menu:rights"]:
        seen += await talker.do(step)
    for token in ("o0", "o0"):  # French or European nationality; in France for more than 3 months
        await tap(talker, token)
        seen += talker.screen
    for typed in ("19x", "۱۹۷۶", "1"):  # a year refused with its example, then typed in Persian; one person
        seen += await talker.do(f"type:{typed}")
    for token in ("o0", "t8", "done", "o0"):  # mainland, no benefit, an income about the same every month
        await tap(talker, token)
        seen += talker.screen
    for typed in ("beaucoup", "1.250", "1200"):  # refused twice with the example amount, then accepted
        seen += await talker.do(f"type:{typed}")
    for token in ("t5", "done", "no", "o1", "o0", "t6", "done"):  # nobody out of work, no maintenance…
        await tap(talker, token)
        seen += talker.screen
    assert latin_numbers_on(seen) == []
    texts = "\n".join(r.text for r in seen)
    assert "برای مثال: ۱۹۸۵" in texts  # the year refused, with its example
    assert "برای مثال: ⁨۱٬۲۵۰٫۵۰⁩" in texts  # the amount refused, with its example, grouped and split as Persian
    assert "به شماره ۳۶۴۶ زنگ بزنید" in texts and "۱۰۰٪" in texts  # the rights card


async def in_the_poll(assistant: Assistant, db: Database, language: str, name: str) -> tuple[Talker, list[Reply]]:
    """A person who chose their language and agreed, opening the satisfaction poll of yesterday's session: its first
    screen."""
    talker = Talker(assistant, db, language_hint=language)
    for step in ["/start", f"press:{name}", f"raw:consent:yes:{language}"]:
        await talker.do(step)
    invitation_id = await invited_yesterday(db, talker.who)
    return talker, await talker.do(f"raw:sv:{invitation_id}")


@pytest.mark.parametrize(
    ("language", "name", "points", "given"),
    [
        ("fa", "فارسی (ایران)", ["۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹", "۱۰"], "۷/۱۰"),
        ("ar", "العربية", [str(n) for n in range(11)], "7/10"),  # CLDR's Arabic writes Latin digits
        ("en", "English", [str(n) for n in range(11)], "7/10"),
        ("fr", "Français", [str(n) for n in range(11)], "7/10"),
    ],
    ids=["fa", "ar", "en", "fr"],
)
async def test_the_0_to_10_scale_reads_in_the_languages_digits(
    assistant: Assistant, db: Database, language: str, name: str, points: list[str], given: str
) -> None:
    """The satisfaction poll's buttons and the answer given, in the reader's digits; the point stored is a number."""
    talker, seen = await in_the_poll(assistant, db, language, name)
    for token in ("v4", "o4", "o0", "skip"):  # 🙂, very clear, useful, no answer to the optional question
        await tap(talker, token)
        seen += talker.screen
    (question,) = talker.screen
    assert [label for row in question.labels()[:2] for label in row] == points
    await tap(talker, "v7")
    await tap(talker, "back")
    seen += talker.screen
    assert given in talker.screen[0].text  # "Votre réponse actuelle : 7/10"
    if language == "fa":
        assert latin_numbers_on(seen) == []
    await tap(talker, "v7")
    await tap(talker, "skip")
    assert {a.step_id: a.value for a in await rows(db, Answer)}["recommend"] == 7


@pytest.mark.parametrize(
    ("language", "typed"), [("fa", "۸"), ("ar", "٨"), ("fr", "8"), ("en", "８")], ids=["fa", "ar", "fr", "full-width"]
)
async def test_the_0_to_10_scale_is_answered_by_typing_the_point(
    assistant: Assistant, db: Database, language: str, typed: str
) -> None:
    """« 8 » typed in the reader's digits (or full width) answers as the button 8 does; « 11 »: use the buttons."""
    talker, _ = await in_the_poll(assistant, db, language, language_name(language))
    for token in ("v4", "o4", "o0", "skip"):  # 🙂, very clear, useful, no answer to the optional question
        await tap(talker, token)
    await talker.do("type:11")
    (refused,) = talker.screen
    assert refused.text.startswith(translator(language)(USE_BUTTONS)), refused.text
    await talker.do(f"type:{typed}")
    await tap(talker, "skip")  # the comment: the survey ends
    assert {a.step_id: a.value for a in await rows(db, Answer)}["recommend"] == 8


@pytest.mark.parametrize(
    ("language", "name"), [("fa", "فارسی (ایران)"), ("ar", "العربية"), ("fr", "Français")], ids=["fa", "ar", "fr"]
)
async def test_information_pages_give_the_number_to_call_as_a_phone_dials_it(
    assistant: Assistant, db: Database, language: str, name: str
) -> None:
    """Where to ask, on every page: the health insurance's number as configured (a tap calls it), even in Persian."""
    talker = Talker(assistant, db, language_hint=language)
    for step in ["/start", f"press:{name}", f"raw:consent:yes:{language}"]:
        await talker.do(step)
    for key in ("puma", "c2s", "ame", "urgent", "checkup"):
        page = (await talker.do(f"raw:info:{key}"))[0]
        assert f"{FSI}3646{PDI}" in page.text if language != "fr" else "au 3646 (service" in page.text
        if language == "fa":
            assert [n for n in latin_numbers(page.text) if n != "3646"] == [], key


async def test_a_persian_staff_member_reads_counts_and_years_in_persian_digits(
    assistant: Assistant, db: Database
) -> None:
    """The staff menu's yearly report and the seats taken of each session followed; French as before."""
    async with db.unit_of_work() as session:
        await a_meeting(session, NOW + timedelta(days=2), capacity=12, taken=7)
    for language, name, year, seats in (
        ("fa", "فارسی (ایران)", "۲۰۲۶", "(۷/۱۲)"),
        ("fr", "Français", "2026", "(7/12)"),
    ):
        telegram_id = 70 if language == "fa" else 71
        talker = Talker(assistant, db, who=Identity(telegram_id=telegram_id), language_hint=language)
        for step in ["/start", f"press:{name}", f"raw:consent:yes:{language}"]:
            await talker.do(step)
        await make_staff(db, telegram_id, "coordinator")
        menu = await talker.do("/staff")
        followed = await talker.do("press:📋")
        labels = [label for reply in [*menu, *followed] for row in reply.labels() for label in row]
        assert any(year in label for label in labels) and any(label.endswith(seats) for label in labels)
        if language == "fa":
            assert latin_numbers_on([*menu, *followed]) == []


def test_persian_survey_results_give_the_net_promoter_score_in_persian_digits(flows: dict[str, Flow]) -> None:
    """Points of the 0–10 scale, mean and NPS in Persian digits; French as before."""
    answers = [{"overall": 4, "clarity": "4", "useful": "yes", "recommend": r} for r in (10, 9, 7, 3, 10)]
    report = summarize(flows["hot_evaluation"], [SessionAnswers(1, 6, answers)])
    persian = report_text(report, "", translator("fa"))
    assert f"NPS {FSI}+۴۰{PDI}" in persian and f"۱۰ {RLM}{FSI}۴۰{PDI}٪" in persian and "%" not in persian
    assert latin_numbers(persian) == []
    assert "; NPS +40" in report_text(report, "", translator("fr"))
