"""Fourth rights-check drill through the chat: households at the edges typed into the real bot over HTTP (the fake Bot
API), in French, English, Arabic and Persian, and the card each person reads, worked out by hand.

The bot's clock is 22 November 2026 (`tests.conftest.NOW`): the ceilings of 1 April 2026 are not collected, so the
2025 base applies (free C2S 10 339 € for one person × the R861-3 coefficient, rounded down; × 1.35 with participation;
× 1.113 overseas) and the card says so in amber; a request made that day may be decided in January 2027 (R861-16), so
the participation is given for both years when an age band changes on 1 January. Participation by age on 1 January:
8 € up to 29, 14 € 30–49, 21 € 50–59, 25 € 60–69, 30 € from 70 (local scheme 2.80 / 4.90 / 7.30 / 8.70 / 10.50 €).
Steps are written with the French labels; each is pressed as the person's language shows it.
"""

from __future__ import annotations

from dialogs.i18n import translator
from dialogs.loader import BUILTIN_DIRS, load_flows
from dialogs.results import BUILDERS
from dialogs.text import msg
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.core.test_cancel import said
from tests.support.driven_bot import DrivenBot, driven_bot
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage

NBSP, NNBSP = "\u00a0", "\u202f"
LANGUAGE = {"fr": "Français", "en": "English", "ar": "العربية", "fa": "فارسی (ایران)"}
RIGHTS = load_flows(BUILTIN_DIRS, BUILDERS)["rights_check"]
OPTION_CONTEXT = {o.label: f"flow:rights_check/{step.id}" for step in RIGHTS.steps for o in step.options}
"""The catalog context of each option label (options are translated per step)."""
END = ["Non", "opt:Aucune de ces situations", "✔ Valider"]
"""No C2S or AME yet, none of the social situations, then the card."""


def shown(language: str, step: str) -> str:
    """A step as the person does it in their language: `type:` as typed; `opt:` a flow option; else a button."""
    t = translator(language)
    if step.startswith("type:"):
        return step[len("type:") :]
    if step.startswith("opt:"):
        label = step[len("opt:") :]
        return f"press:{t(msg(label, OPTION_CONTEXT[label]))}"
    return f"press:{t(msg(step, 'button'))}"


async def start(api: FakeBotAPI, bot: DrivenBot, user: FakeUser, language: str) -> None:
    """/start, the language, the consent, then the rights check from the menu."""
    t = translator(language)
    await said(api, bot, user, "/start")
    await said(api, bot, user, f"press:{LANGUAGE[language]}")
    await said(api, bot, user, f"press:{t(msg('✅ J' + chr(39) + 'accepte', 'button'))}")
    await said(api, bot, user, f"press:{t(msg('🩺 Bilan de mes droits santé', 'menu'))}")


async def card(api: FakeBotAPI, bot: DrivenBot, user: FakeUser, steps: list[str], language: str = "fr") -> str:
    """Answer every step, then return the result card's text (the message before the menu)."""
    await start(api, bot, user, language)
    for step in [*steps, *END]:
        last = await said(api, bot, user, shown(language, step))
    texts = [m.text for m in last if not m.edited]
    assert len(texts) >= 2, texts
    return _plain(texts[-2])


def _plain(text: str) -> str:
    """The text without the direction marks right-to-left languages add around lines and figures."""
    return "".join(c for c in text if c not in "\u200f\u2068\u2069\u200e")


def _question(messages: list[SentMessage]) -> str:
    return _plain(messages[-1].text)


async def test_eight_drill_households_read_their_hand_worked_cards(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    async with driven_bot(api, db, assistant, flood_limit=1000) as bot:
        # 1. Born 1981, alone, 13 957 € over the C2S period: exactly the ceiling with participation for one person
        # (10 339 × 1.35 = 13 957.65 → 13 957 €). « Inférieures ou égales »: C2S with participation, the card says
        # « égal », amber (2025 values applied, within 3 %). 44 on 1 January 2026, 45 in 2027: 14 € either way.
        text = await card(
            api,
            bot,
            api.user(94001, language_code="fr"),
            [
                "opt:Nationalité française ou européenne",
                "opt:Plus de 3 mois (ou depuis toujours)",
                "type:1981",
                "type:1",
                "opt:En France métropolitaine",
                "opt:Aucune de ces aides",
                "✔ Valider",
                "opt:Non, elles changent",
                "type:13957",
                "opt:Non, personne",
                "✔ Valider",
                "Non",
                "opt:Locataire, sans aide au logement",
            ],
        )
        assert "🟠 C2S avec participation : droit possible, à confirmer" in text
        assert (
            f"• 13{NNBSP}957{NBSP}€ dépasse le plafond de la C2S gratuite (10{NNBSP}339{NBSP}€) et est égal à celui "
            f"de la C2S avec participation (13{NNBSP}957{NBSP}€) : il ne le dépasse pas." in text
        )
        assert f"• Participation estimée : 14{NBSP}€ par mois (selon votre âge)." in text

        # 2. In English: a couple in La Réunion born 1960 and 1962, 23 302 € — exactly the overseas ceiling with
        # participation for two: 10 339 × 1.5 × 1.113 = 17 260.93 → 17 260 € free; × 1.35 = 23 302.26 → 23 302 €.
        # 65 and 63 on 1 January 2026 (66 and 64 in 2027): 25 + 25 = 50 €. The body is the CGSS.
        text = await card(
            api,
            bot,
            api.user(94002, language_code="en"),
            [
                "opt:Nationalité française ou européenne",
                "opt:Plus de 3 mois (ou depuis toujours)",
                "type:1960",
                "type:2",
                "Oui",
                "type:1962",
                "opt:Guadeloupe, Guyane, Martinique, Réunion",
                "opt:Aucune de ces aides",
                "✔ Valider",
                "opt:Non, elles changent",
                "type:23302",
                "opt:Non, personne",
                "✔ Valider",
                "Non",
                "opt:Locataire, sans aide au logement",
            ],
            "en",
        )
        assert "🟠 C2S with contribution: you may be eligible, to be confirmed" in text
        assert (
            "• €23,302 is above the free C2S limit (€17,260) and equal to the limit for C2S with contribution "
            "(€23,302): it does not exceed it." in text
        )
        assert "• Estimated contribution: €50 per month for the 2 people in the household" in text
        assert "at the front desk of your CGSS." in text

        # 3. In Arabic: a mother without a permit, born 1994, arrived on 1 October 2026 with her son of 5, 15 508 €
        # over the last 12 months. Two people: 10 339 × 1.5 = 15 508 € — equal: within the AME ceiling (L251-1).
        # She waits (AME from 2 January 2027, the day after 3 months); her son does not, now.
        text = await card(
            api,
            bot,
            api.user(94003, language_code="ar"),
            [
                "opt:Sans titre de séjour",
                "opt:Moins de 3 mois",
                "type:01/10/2026",
                "Passer",
                "type:1994",
                "type:2",
                "Non",
                "Non",
                "type:5",
                "opt:En France métropolitaine",
                "opt:Non, elles changent",
                "type:15508",
                "Non",
                "opt:Locataire, sans aide au logement",
            ],
            "ar",
        )
        assert "🟡 AME (المساعدة الطبية الحكومية): ليس بعد" in text
        equal = f"15,508{NBSP}€ يساوي سقف AME لأسرتك (15,508{NBSP}€) دون أن يتجاوزه، لذا يمكنهم الحصول عليها الآن."
        assert equal in text
        assert "2 يناير 2027" in text
        assert "أقل من سقف AME" not in text

        # 4. In Persian digits: 2030 typed for 1930 is refused (the year has not come); 1930 then. Alone, ASPA, no
        # work in the last 3 months: C2S with participation without a resource check; 95 on 1 January → 30 €.
        user = api.user(94004, language_code="fa")
        await start(api, bot, user, "fa")
        for step in ["opt:Nationalité française ou européenne", "opt:Plus de 3 mois (ou depuis toujours)"]:
            await said(api, bot, user, shown("fa", step))
        refused = await said(api, bot, user, "۲۰۳۰")
        assert "سال نوشته‌شده، ۲۰۳۰، هنوز نرسیده است: سالی تا ۲۰۲۶ بنویسید." in _question(refused)
        steps = [
            "type:۱۹۳۰",
            "type:۱",
            "opt:En France métropolitaine",
            "opt:ASPA (minimum vieillesse)",
            "✔ Valider",
            "Non",
            "opt:Oui, à peu près pareil chaque mois",
            "type:۱۰۰۰",
            "opt:Non, personne",
            "✔ Valider",
            "Non",
            "type:۱۰۰۰",
            "opt:Locataire, sans aide au logement",
        ]
        for step in [*steps, *END]:
            last = await said(api, bot, user, shown("fa", step))
        text = _plain([m.text for m in last if not m.edited][-2])
        assert "🟢 C2S: بدون بررسی درآمد شما داده می‌شود" in text
        assert f"• سهم تخمینی: ماهانه €{NBSP}۳۰ (بسته به سن شما)." in text

        # 5. A couple born 1985 and 1987 with six children: 17, 15, 12, 10 and 5 (both in shared custody), 3;
        # 3 500 € a month = 42 000 €. R861-3 by rank: +0.5, +0.3, +0.3, +0.4, 10 in shared custody +0.2, 5 in
        # shared custody +0.2, +0.4 → 3.3: 34 118.7 → 34 118 € free, × 1.35 → 46 060 €. Participation 14 + 14 +
        # 6 × 8 = 76 €, the same in 2027 (41, 39).
        text = await card(
            api,
            bot,
            api.user(94005, language_code="fr"),
            [
                "opt:Nationalité française ou européenne",
                "opt:Plus de 3 mois (ou depuis toujours)",
                "type:1985",
                "type:8",
                "Oui",
                "type:1987",
                "Oui",
                "type:17",
                "Non",
                "type:15",
                "Non",
                "type:12",
                "Non",
                "type:10",
                "Oui",
                "type:5",
                "Oui",
                "type:3",
                "Non",
                "opt:En France métropolitaine",
                "opt:Aucune de ces aides",
                "✔ Valider",
                "opt:Oui, à peu près pareil chaque mois",
                "type:3500",
                "opt:Non, personne",
                "✔ Valider",
                "Non",
                "opt:Locataire, sans aide au logement",
            ],
        )
        assert "• Votre foyer : 8 personnes (dont 2 enfants en garde alternée, comptés pour moitié)." in text
        assert (
            f"• 42{NNBSP}000{NBSP}€ dépasse le plafond de la C2S gratuite (34{NNBSP}118{NBSP}€) mais reste sous "
            f"celui de la C2S avec participation (46{NNBSP}060{NBSP}€)." in text
        )
        assert f"• Participation estimée : 76{NBSP}€ par mois pour les 8 personnes du foyer" in text

        # 6. Going back changes what counts: 1 500 € a month, unemployed with 9 000 € of pay (a 30 % cut), then
        # « ◀ Retour » four times (from the maintenance question) to say the income varies: 12 000 € over 12 months,
        # nobody out of work. The stale cut must not count: 12 000 € > 10 339 € → C2S with participation, 46 on
        # 1 January 2026 → 14 € (with the old cut, 12 000 − 2 700 = 9 300 € would have read free C2S).
        user = api.user(94006, language_code="fr")
        await start(api, bot, user, "fr")
        for step in [
            "opt:Nationalité française ou européenne",
            "opt:Plus de 3 mois (ou depuis toujours)",
            "type:1980",
            "type:1",
            "opt:En France métropolitaine",
            "opt:Aucune de ces aides",
            "✔ Valider",
            "opt:Oui, à peu près pareil chaque mois",
            "type:1500",
            "opt:Au chômage indemnisé (ARE, partiel)",
            "✔ Valider",
            "type:9000",
            "◀ Retour",
            "◀ Retour",
            "◀ Retour",
            "◀ Retour",
            "opt:Non, elles changent",
            "type:12000",
            "opt:Non, personne",
            "✔ Valider",
            "Non",
            "opt:Locataire, sans aide au logement",
            *END,
        ]:
            last = await said(api, bot, user, shown("fr", step))
        text = _plain([m.text for m in last if not m.edited][-2])
        assert "🟢 C2S avec participation : droit probable" in text
        assert f"• Ressources du foyer sur 12 mois : 12{NNBSP}000{NBSP}€." in text
        assert "abattement" not in text

        # 7. In English: an asylum seeker born 1990 who arrived on 22 August 2026, exactly 3 months ago: « more than
        # 3 months » starts the day after, 23 November 2026 (D160-2, décret 2019-1531): not yet, urgent care.
        text = await card(
            api,
            bot,
            api.user(94007, language_code="en"),
            [
                "opt:Demande d'asile en cours",
                "opt:Moins de 3 mois",
                "type:22/08/2026",
                "type:1990",
                "type:1",
                "opt:En France métropolitaine",
                "opt:Aucune de ces aides",
                "✔ Valider",
                "opt:Oui, à peu près pareil chaque mois",
                "type:0",
                "Non",
                "opt:Sans logement stable",
            ],
            "en",
        )
        assert "🟡 Basic health cover (PUMa): not yet" in text
        assert "covered after 3 months of residence, so from November 23, 2026." in text
        assert "🏥 Urgent care at the hospital" in text

        # 8. An Alsace-Moselle couple both in the local scheme, born 1975 and 1960, owners still repaying a loan (no
        # housing flat amount, R861-5), 18 000 €: between 15 508 € and 20 936 € → 7.30 € (50) + 8.70 € (65) = 16 €;
        # in 2027, 51 and 66: the same bands, one amount.
        text = await card(
            api,
            bot,
            api.user(94008, language_code="fr"),
            [
                "opt:Nationalité française ou européenne",
                "opt:Plus de 3 mois (ou depuis toujours)",
                "type:1975",
                "type:2",
                "Oui",
                "type:1960",
                "opt:En Alsace-Moselle, ou on y travaille",
                "opt:Nous deux",
                "opt:Aucune de ces aides",
                "✔ Valider",
                "opt:Non, elles changent",
                "type:18000",
                "opt:Non, personne",
                "✔ Valider",
                "Non",
                "opt:Propriétaire, avec un prêt à rembourser",
            ],
        )
        assert f"• Ressources du foyer sur 12 mois : 18{NNBSP}000{NBSP}€." in text
        assert "forfait logement" not in text
        assert f"• Participation estimée : 16{NBSP}€ par mois pour les 2 personnes du foyer" in text
        assert "• Tarif réduit du régime local d'Alsace-Moselle pour les 2 personnes du foyer." in text
