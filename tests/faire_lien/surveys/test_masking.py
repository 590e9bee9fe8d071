"""Comments read by staff: phone numbers, e-mails, social security numbers and addresses masked, nothing else."""

from __future__ import annotations

import time

import pytest

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.surveys.masking import mask, masked
from faire_lien.surveys.present import report_text
from faire_lien.surveys.results import summarize
from storage.surveys import SessionAnswers

FR = translator("fr")
PHONE, EMAIL, ADDRESS = "[téléphone masqué]", "[e-mail masqué]", "[adresse masquée]"
NIR = "[n° de sécurité sociale masqué]"


@pytest.mark.parametrize(
    "number",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "01 23 45 67 89",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)6 12 34 56 78",
        "+33 1 23 45 67 89",
        "0033 6 12 34 56 78",
        "+44 20 7946 0958",
        "+1 (555) 123-4567",
        "+49 30 1234567",
        "06\u00a012\u00a034\u00a056\u00a078",
    ],
)
def test_phone_numbers_are_masked(number: str) -> None:
    assert mask(f"Appelez-moi au {number} svp", FR) == f"Appelez-moi au {PHONE} svp"
    assert mask(f"{number}.", FR) == f"{PHONE}."


@pytest.mark.parametrize(
    "address",
    [
        "jean.dupont@example.fr",
        "marie-claire+cpam@mail.example.co.uk",
        "Zoé_86@laposte.net",
        "jean.dupont [at] example.fr",
        "jean.dupont(at)example.fr",
        "jean.dupont arobase example.fr",
    ],
)
def test_email_addresses_are_masked(address: str) -> None:
    assert mask(f"Écrivez à {address}, merci", FR) == f"Écrivez à {EMAIL}, merci"


@pytest.mark.parametrize(
    "number",
    [
        "1 85 05 78 006 084 36",
        "185057800608436",
        "2 93 12 2A 105 023 71",
        "1850578006084",
        "1 85 05 78 006 084",
        "2.93.12.86.105.023.71",
    ],
)
def test_social_security_numbers_are_masked(number: str) -> None:
    assert mask(f"Mon numéro de sécu est {number} au cas où", FR) == f"Mon numéro de sécu est {NIR} au cas où"


@pytest.mark.parametrize(
    ("written", "left"),
    [
        ("J'habite 12 rue de la Paix, venez", "J'habite {a}, venez"),
        ("au 3 bis avenue Victor Hugo depuis mai", "au {a} depuis mai"),
        ("5, boulevard Saint-Michel", "{a}"),
        ("10 bd de Strasbourg", "{a}"),
        ("2 chemin des Vignes", "{a}"),
        ("4 impasse du Moulin", "{a}"),
        ("1 place de la République", "{a}"),
        ("7 allée des Tilleuls", "{a}"),
        ("7 Allée des tilleuls", "{a}"),
        ("12 rue d'Alsace Lorraine", "{a}"),
        ("12bis rue Pasteur", "{a}"),
        ("14 cours Mirabeau", "{a}"),
        ("86000 Poitiers", "{a}"),
        ("à 85000 La Roche-sur-Yon", "à {a}"),
        ("12 rue de la Paix, 75002 Paris", "{a}, {a}"),
        ("BP 12, 75700 Paris Cedex 07", "BP 12, {a}"),
    ],
)
def test_postal_addresses_are_masked(written: str, left: str) -> None:
    assert mask(written, FR) == left.format(a=ADDRESS)


@pytest.mark.parametrize(
    "sentence",
    [
        "J'ai suivi 3 séances en 2025 et c'était très bien.",
        "Rendez-vous le 12/03/2026 à 14h30, durée 2 h.",
        "Nous étions 12 personnes pour 2 cours de yoga.",
        "Il restait 10 places et 1 place de libre.",
        "J'ai attendu 45 minutes dans la rue, puis 2 rues plus loin.",
        "Mon loyer est de 1 250 € et j'ai 3 enfants de 4, 7 et 12 ans.",
        "Le numéro 3 était mieux que le 15.",
        "Merci à toute l'équipe du 86 !",
        "J'ai vu 2025 personnes ? Non, 25.",
        "La séance de 10 h à 12 h : super.",
        "Note 5/5, je recommande à 100 %.",
        "Version 2.0.1 de l'appli, code 4521.",
        "",
    ],
)
def test_ordinary_sentences_are_left_alone(sentence: str) -> None:
    assert mask(sentence, FR) == sentence


def test_everything_in_one_comment_and_in_english() -> None:
    comment = "Call 06 12 34 56 78 or write to a@b.fr; I live at 12 rue de la Paix; NIR 1 85 05 78 006 084 36"
    assert mask(comment, translator("en")) == (
        "Call [phone number hidden] or write to [e-mail hidden]; I live at [address hidden]; "
        "NIR [social security number hidden]"
    )
    assert mask(comment, FR) == f"Call {PHONE} or write to {EMAIL}; I live at {ADDRESS}; NIR {NIR}"


def test_masked_comments_are_sorted_after_masking() -> None:
    assert masked(["Zut", "06 12 34 56 78 merci", "Bien"], FR) == ["Bien", "Zut", f"{PHONE} merci"]


@pytest.mark.parametrize(
    "hostile",
    [
        "1 " * 25_000,
        "a" * 50_000,
        "+" + "1 " * 25_000,
        "a." * 25_000 + "@",
        "12 rue " + "de " * 15_000,
        "12 rue X" + " Y" * 20_000,
        "0" * 50_000,
        "86000 " + "Ab " * 15_000,
        "a@" + "b." * 25_000,
    ],
    ids=lambda text: f"{text[:8]!r}×{len(text)}",
)
def test_no_text_makes_the_patterns_backtrack_for_long(hostile: str) -> None:
    started = time.perf_counter()
    mask(hostile, FR)
    assert time.perf_counter() - started < 1.0


def test_the_bots_results_show_comments_masked(flows: dict[str, Flow]) -> None:
    comments = [{"comment": "Appelez le 06 12 34 56 78"}, {"comment": "Bien"}, {}, {}, {}]
    report = summarize(flows["hot_evaluation"], [SessionAnswers(1, 5, comments)])
    assert report.comments == ["Appelez le 06 12 34 56 78", "Bien"]  # the data keeps what the person wrote
    text = report_text(report, "📊", FR)
    assert f"« Appelez le {PHONE} »" in text and "06 12" not in text
