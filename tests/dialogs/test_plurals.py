"""Every count a person reads meets its word through plural handling, in every catalog, with CLDR's plural forms.

The check on source texts: the project's `plural()` names the count `{n}`, so
- a msgid holding `{n}` is a plural entry, and both its forms hold `{n}`;
- in a singular msgid, a placeholder followed by a word may only be followed by one of `NOT_COUNTED` (verbs,
  prepositions: "{total} dépasse", "{count} sur"); any other word ("{months} mois", "{needed} inscrits") is taken
  for a counted noun or adjective and must go through `plural()`;
- no msgid writes a plural the lazy way, "(s)".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from dialogs.completeness import shipped_languages
from dialogs.i18n import CLDR_LOCALES, FSI, LOCALES_DIR, PDI, RLM, cldr_locale, translator
from dialogs.text import plural

LANGUAGES = shipped_languages()
COUNTS = (0, 1, 2, 3, 5, 11, 21, 101)
NOT_COUNTED = frozenset(
    {"a", "est", "dépasse", "prennent", "durent", "ont", "ne", "pour", "et", "car", "sur", "au", "depuis", "par"}
)
AFTER_PLACEHOLDER = re.compile(r"\{(\w+)\}[ \u00a0]+(?:d'|de )?([^\W\d_][\w·'’-]*)")
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
MONTHS = "Vous vivez en France depuis plus de {n} mois : vous êtes couvert·e."
WORD_AFTER_COUNT = re.compile(r"\{n\}[ \u00a0]+[^\W\d_]")
PEOPLE = ("{n} personne", "{n} personnes", "rights")
UP_TO = ("jusqu'à {n} mois", "jusqu'à {n} mois", "rights")
PLACES = ("{n} place libre", "{n} places libres", "meeting")
ANSWER_DAYS = (
    "Une personne de l'équipe vous répondra dans {n} jour ouvré au plus.",
    "Une personne de l'équipe vous répondra dans les {n} jours ouvrés au plus.",
    "case",
)
WITHOUT_PERMIT = (
    "Votre visa ou titre de séjour a pris fin le {ended} : depuis 2020, l'AME demande {n} mois de séjour "
    "sans titre, soit à partir du {day}.",
    "Votre visa ou titre de séjour a pris fin le {ended} : depuis 2020, l'AME demande {n} mois de séjour "
    "sans titre, soit à partir du {day}.",
    "rights",
)
PENSION = (
    "vous avez une pension française et au moins {n} an d'assurance en France, qui couvrent vos soins pendant "
    "vos séjours en France",
    "vous avez une pension française et au moins {n} ans d'assurance en France, qui couvrent vos soins pendant "
    "vos séjours en France",
    "rights",
)


def _catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _catalogs() -> list[Path]:
    return [LOCALES_DIR / "messages.pot", *(LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po" for lang in LANGUAGES)]


def _plural_entries(language: str) -> list[Message]:
    path = LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"
    return [m for m in _catalog(path) if isinstance(m.id, tuple)]


def _plain(text: str) -> str:
    """Rendered text without the bidirectional marks a right-to-left language adds."""
    return text.replace(FSI, "").replace(PDI, "").replace(RLM, "")


def counted_words(msgid: str) -> list[str]:
    """The `{placeholder} word` pairs of a singular msgid that should have gone through `plural()`."""
    found = [f"{{{m.group(1)}}} {m.group(2)}" for m in AFTER_PLACEHOLDER.finditer(msgid)]
    return [pair for pair in found if pair.split(" ", 1)[1] not in NOT_COUNTED]


def test_the_check_catches_a_count_written_before_its_noun() -> None:
    assert counted_words("l'AME demande {months} mois de présence") == ["{months} mois"]
    assert counted_words("le groupe se réunit dès {needed} inscrits.") == ["{needed} inscrits"]
    assert counted_words("Moins de {min} réponses : le détail est masqué") == ["{min} réponses"]
    assert counted_words("{total} dépasse le plafond ({free}).") == []
    assert counted_words("Taux de réponse : {rate} %") == []


@pytest.mark.parametrize("path", _catalogs(), ids=lambda p: p.parent.parent.name if p.suffix == ".po" else "pot")
def test_numbers_meet_words_only_through_plural_handling(path: Path) -> None:
    singular_with_count, counted, lazy, plural_without_n = [], [], [], []
    for message in _catalog(path):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if not all("{n}" in form for form in message.id):
                plural_without_n.append(message.id[0])
            continue
        if "{n}" in message.id:
            singular_with_count.append(message.id)
        counted.extend(f"{message.id!r}: {pair}" for pair in counted_words(message.id))
        if "(s)" in message.id:
            lazy.append(message.id)
    assert singular_with_count == [], "use plural(...) for a message with a count {n}"
    assert counted == [], "a number before a word goes through plural(...)"
    assert lazy == [], "write the plural with plural(...), not (s)"
    assert plural_without_n == [], "plural(...) names the count {n} in both forms"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_uses_babels_plural_forms(language: str) -> None:
    catalog = _catalog(LOCALES_DIR / language / "LC_MESSAGES" / "messages.po")
    expected = get_plural(CLDR_LOCALES.get(language, language))
    assert (catalog.num_plurals, catalog.plural_expr) == (expected.num_plurals, expected.plural_expr)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_plural_entry_has_all_the_forms_of_its_language(language: str) -> None:
    count = get_plural(CLDR_LOCALES.get(language, language)).num_plurals
    entries = _plural_entries(language)
    assert entries, "the catalogs hold plural entries"
    for message in entries:
        assert len(message.string) == count, f"{language}: {message.id[0]!r} needs {count} forms"
        assert all(message.string), f"{language}: {message.id[0]!r} has an empty form"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_shown_for_each_count_is_the_one_cldr_names(language: str) -> None:
    t = translator(language)
    locale = cldr_locale(language)
    order = [c for c in CATEGORIES if c in locale.plural_form.tags or c == "other"]
    for message in _plural_entries(language):
        for n in COUNTS:
            params = {name: name for name in re.findall(r"\{(\w+)\}", message.id[1]) if name != "n"}
            shown = _plain(t(plural(message.id[0], message.id[1], n, message.context, **params)))
            form = message.string[order.index(locale.plural_form(n))]
            assert shown == _plain(form.format(n=t.format(n), **params)), f"{language}, n={n}: {message.id[0]!r}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", {1: "1 mois", 2: "2 mois"}),
        ("ru", {1: "1 месяца", 2: "2 месяцев", 5: "5 месяцев", 21: "21 месяца", 11: "11 месяцев"}),
        ("uk", {1: "1 місяць", 3: "3 місяці", 5: "5 місяців", 21: "21 місяць", 12: "12 місяців"}),
        ("ro", {1: "1 lună", 2: "2 luni", 19: "19 luni", 20: "20 de luni", 101: "101 luni", 120: "120 de luni"}),
        ("ar", {1: "شهرًا واحدًا", 2: "شهرين", 3: "3 أشهر", 11: "11 شهرًا", 101: "101 شهر", 103: "103 أشهر"}),
        ("es", {1: "1 mes", 6: "6 meses", 1_000_000: "1.000.000 de meses"}),
        ("pt", {1: "1 mês", 0: "0 meses"}),
        ("tr", {1: "1 aydan", 3: "3 aydan"}),
    ],
)
def test_months_read_right_in_each_language(language: str, expected: dict[int, str]) -> None:
    t = translator(language)
    for n, words in expected.items():
        assert words in _plain(t(plural(MONTHS, MONTHS, n, "rights"))), f"{language}, n={n}"


def test_sessions_say_how_many_places_and_registrations_with_real_plurals() -> None:
    fr, ru, ar = translator("fr"), translator("ru"), translator("ar")
    places = ("{n} place libre", "{n} places libres")
    assert [fr(plural(*places, n, "meeting")) for n in (1, 2)] == ["1 place libre", "2 places libres"]
    assert [ru(plural(*places, n, "meeting")) for n in (1, 3, 5)] == [
        "1 свободное место",
        "3 свободных места",
        "5 свободных мест",
    ]
    assert [_plain(ar(plural(*places, n, "meeting"))) for n in (2, 11, 101)] == [
        "مكانان شاغران",
        "11 مكانًا شاغرًا",
        "101 مكان شاغر",
    ]
    gathering = (
        "📣 Date à confirmer : le groupe se réunit dès {n} inscription.",
        "📣 Date à confirmer : le groupe se réunit dès {n} inscriptions.",
    )
    assert fr(plural(*gathering, 1, "meeting")).endswith("dès 1 inscription.")
    assert _plain(ar(plural(*gathering, 2, "meeting"))).endswith("ابتداءً من تسجيلين.")


@pytest.mark.parametrize(
    ("language", "message", "expected"),
    [
        ("ar", PEOPLE, {0: "0 شخص", 1: "شخص واحد", 2: "شخصان", 3: "3 أشخاص", 11: "11 شخصًا", 100: "100 شخص"}),
        (
            "ar",
            UP_TO,
            {0: "حتى 0 شهر", 1: "حتى شهر واحد", 2: "حتى شهرين", 3: "حتى 3 أشهر", 11: "حتى 11 شهرًا", 100: "حتى 100 شهر"},
        ),
        (
            "ar",
            PLACES,
            {
                0: "0 مكان شاغر",
                1: "مكان شاغر واحد",
                2: "مكانان شاغران",
                3: "3 أماكن شاغرة",
                11: "11 مكانًا شاغرًا",
                100: "100 مكان شاغر",
            },
        ),
        (
            "ru",
            PLACES,
            {1: "1 свободное место", 2: "2 свободных места", 5: "5 свободных мест", 21: "21 свободное место"},
        ),
        ("uk", PEOPLE, {1: "1 особа", 2: "2 особи", 5: "5 осіб", 21: "21 особа"}),
    ],
)
def test_a_short_count_reads_as_its_language_writes_it(
    language: str, message: tuple[str, str, str], expected: dict[int, str]
) -> None:
    t = translator(language)
    singular, plural_form, context = message
    shown = {n: _plain(t(plural(singular, plural_form, n, context))) for n in expected}
    assert shown == expected


@pytest.mark.parametrize(
    ("language", "message", "expected"),
    [
        (
            "ar",
            WITHOUT_PERMIT,
            {
                0: "لمدة 0 شهر،",
                1: "لمدة شهر واحد،",
                2: "لمدة شهرين،",
                3: "لمدة 3 أشهر،",
                11: "لمدة 11 شهرًا،",
                100: "لمدة 100 شهر،",
            },
        ),
        (
            "ar",
            PENSION,
            {
                0: "و0 سنة تأمين",
                1: "وسنة تأمين واحدة على الأقل",
                2: "وسنتا تأمين على الأقل",
                3: "و3 سنوات تأمين",
                11: "و11 سنة تأمين",
                100: "و100 سنة تأمين",
            },
        ),
        (
            "ar",
            ANSWER_DAYS,
            {
                0: "خلال 0 يوم عمل",
                1: "خلال يوم عمل واحد",
                2: "خلال يومَي عمل",
                3: "خلال 3 أيام عمل",
                11: "خلال 11 يوم عمل",
                100: "خلال 100 يوم عمل",
            },
        ),
        (
            "ru",
            WITHOUT_PERMIT,
            {
                1: "нужен 1 месяц пребывания",
                2: "нужно 2 месяца пребывания",
                5: "нужно 5 месяцев пребывания",
                21: "нужен 21 месяц пребывания",
            },
        ),
        (
            "ru",
            ANSWER_DAYS,
            {
                1: "через 1 рабочий день.",
                2: "через 2 рабочих дня.",
                5: "через 5 рабочих дней.",
                21: "через 21 рабочий день.",
            },
        ),
        (
            "uk",
            WITHOUT_PERMIT,
            {
                1: "потрібен 1 місяць перебування",
                2: "потрібно 2 місяці перебування",
                5: "потрібно 5 місяців перебування",
                21: "потрібен 21 місяць перебування",
            },
        ),
        (
            "uk",
            PENSION,
            {
                1: "щонайменше 1 рік страхового стажу",
                2: "щонайменше 2 роки страхового стажу",
                5: "щонайменше 5 років страхового стажу",
                21: "щонайменше 21 рік страхового стажу",
            },
        ),
    ],
)
def test_a_count_in_a_sentence_takes_the_words_its_language_puts_after_it(
    language: str, message: tuple[str, str, str], expected: dict[int, str]
) -> None:
    t = translator(language)
    singular, plural_form, context = message
    for n, words in expected.items():
        shown = _plain(t(plural(singular, plural_form, n, context, ended="1/2/2025", day="1/5/2025")))
        assert words in shown, f"{language}, n={n}: {shown}"


def test_the_check_on_identical_forms_tells_a_counted_word_from_none() -> None:
    assert WORD_AFTER_COUNT.search("حتى {n} شهر")
    assert WORD_AFTER_COUNT.search("до {n} месяцев")
    assert not WORD_AFTER_COUNT.search("في سن {n}، يمكنك")
    assert not WORD_AFTER_COUNT.search("накануне вашего {n}-летия.")
    assert not WORD_AFTER_COUNT.search("(меньше {n})")


@pytest.mark.parametrize("language", ["ar", "ru", "uk"])
def test_forms_are_alike_only_where_no_word_follows_the_count(language: str) -> None:
    alike = [
        message.id[0]
        for message in _plural_entries(language)
        if len(set(message.string)) == 1 and WORD_AFTER_COUNT.search(message.string[0])
    ]
    assert alike == [], f"{language}: the word after {{n}} takes each plural form of the language"
