"""Dates read as each language writes them ("1er avril" in French); date examples are in the future and the same
in the hint and in every refusal of a question."""

from __future__ import annotations

from datetime import date, datetime, time

from dialogs import engine
from dialogs.events import Typed
from dialogs.i18n import translator
from dialogs.present import question_text
from dialogs.schema import Flow, Step
from dialogs.text import msg

TODAY = date(2026, 11, 22)
FRENCH = translator("fr").locale


def test_french_writes_the_first_of_the_month_1er() -> None:
    fr = translator("fr")
    assert fr.date(date(2026, 4, 1)) == "1er avril 2026"
    assert fr.date(date(2026, 12, 1), "full") == "mardi 1er décembre 2026"
    assert fr.date(date(2026, 12, 1), "MMMd") == "1er déc."
    assert fr.date(date(2026, 4, 2)) == "2 avril 2026"
    assert fr.date(date(2026, 4, 11)) == "11 avril 2026"


def test_other_languages_keep_their_own_pattern_for_the_first() -> None:
    assert translator("en").date(date(2026, 4, 1)) == "April 1, 2026"
    assert translator("pt").date(date(2026, 4, 1)) == "1 de abril de 2026"
    assert translator("ru").date(date(2026, 4, 1)) == "1 апреля 2026\u202fг."


def test_a_date_inside_a_message_reads_1er_too() -> None:
    shown = translator("fr")(
        msg("Vos droits à {cover} ont pris fin le {end}.", "rights", cover="la C2S", end=date(2027, 3, 1))
    )
    assert shown == "Vos droits à la C2S ont pris fin le 1er mars 2027."


def test_times_read_as_the_locale_writes_them() -> None:
    assert translator("fr").time(time(14, 30)) == "14:30"
    assert translator("en").time(datetime(2026, 12, 1, 14, 0)) == "2:00\u202fPM"


def _date_flow(**side: bool) -> Flow:
    step = Step.model_validate({"id": "day", "kind": "date", "text": "Quel jour ?", **side})
    return Flow(id="dates", version=1, title="Essai", steps=[step])


def _hint_and_refusal(**side: bool) -> tuple[str, str]:
    flow = _date_flow(**side)
    fr = translator("fr")
    first = engine.start(flow).outputs[0]
    assert isinstance(first, engine.Question)
    hint = question_text(first, fr, TODAY).splitlines()[-1]
    refused = engine.advance(flow, engine.start(flow).state, Typed("hier"), TODAY, FRENCH).outputs[0]
    assert isinstance(refused, engine.Notice)
    return hint, fr(refused.text)


def test_date_examples_are_in_the_future_and_the_same_in_the_hint_and_the_refusals() -> None:
    for side in ({}, {"future_only": True}):
        hint, refused = _hint_and_refusal(**side)
        assert hint == "Écrivez une date, par exemple 25/03/2027."
        assert refused == "Je n'ai pas compris cette date. Écrivez la date comme ceci : 25/03/2027."


def test_a_question_about_the_past_gives_an_example_in_the_past() -> None:
    hint, refused = _hint_and_refusal(past_only=True)
    assert hint == "Écrivez une date, par exemple 25/03/2025."
    assert refused.endswith("Écrivez la date comme ceci : 25/03/2025.")
