"""Fifth rights-check drill through the chat: four households typed into the real bot over HTTP (the fake Bot API),
in French, English, Arabic and Russian, each card worked out by hand.

The bot's clock is 22 November 2026 (`tests.conftest.NOW`): the 2025 base applies (free C2S 10 339 € for one person ×
the R861-3 coefficient, rounded down; × 1.35 with participation), the card says so in amber. Participation by age on
1 January: 8 € up to 29, 14 € 30–49, 21 € 50–59, 25 € 60–69, 30 € from 70. Steps are written with the French labels;
each is pressed as the person's language shows it (the fourth drill's helpers).
"""

from __future__ import annotations

from dialogs.i18n import language_name, translator
from dialogs.text import msg
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.bot.test_e2e_rights_drill4 import _plain, card, shown
from tests.faire_lien.core.test_cancel import said
from tests.support.driven_bot import DrivenBot, driven_bot
from tests.support.fake_bot_api import FakeBotAPI, FakeUser

NBSP, NNBSP = "\u00a0", "\u202f"


async def test_four_drill_households_read_their_hand_worked_cards(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    async with driven_bot(api, db, assistant, flood_limit=1000) as bot:
        # 1. A father without a permit, here for years, born 1988, with his daughter of 7; 20 000 € over the last 12
        # months, over the two-person AME ceiling (10 339 × 1.5 = 15 508 €): his AME is unlikely, urgent care is his;
        # his daughter has AME whatever the resources (circulaire DSS/2A/2011/351; ameli.fr).
        text = await card(
            api,
            bot,
            api.user(95001, language_code="fr"),
            [
                "opt:Sans titre de séjour",
                "opt:Plus de 3 mois (ou depuis toujours)",
                "Passer",
                "type:1988",
                "type:2",
                "Non",
                "Non",
                "type:7",
                "opt:En France métropolitaine",
                "opt:Non, elles changent",
                "type:20000",
                "Non",
                "opt:Locataire, sans aide au logement",
            ],
        )
        assert "⚪ AME : peu probable avec ces ressources" in text
        assert f"20{NNBSP}000{NBSP}€ dépasse le plafond de l'AME pour votre foyer (15{NNBSP}508{NBSP}€)." in text
        assert (
            "🟢 AME pour vos enfants de moins de 18 ans : droit probable\n"
            "• Les enfants de moins de 18 ans ont droit à l'AME dès leur arrivée, même quand les ressources du foyer "
            "dépassent le plafond.\n"
            "→ Demandez dès maintenant l'AME pour vos enfants, en personne à l'accueil de votre CPAM." in text
        )
        assert "🏥 Soins urgents à l'hôpital" in text

        # 2. In English: born 1998, alone, 14 500 € over the C2S period, of which 6 000 € paid for a training course
        # now over, with no other income instead: R861-8 leaves it out, 8 500 € ≤ 10 339 € → free C2S.
        text = await card(
            api,
            bot,
            api.user(95002, language_code="en"),
            [
                "opt:Nationalité française ou européenne",
                "opt:Plus de 3 mois (ou depuis toujours)",
                "type:1998",
                "type:1",
                "opt:En France métropolitaine",
                "opt:Aucune de ces aides",
                "✔ Valider",
                "opt:Non, elles changent",
                "type:14500",
                "opt:Stage payé fini, sans autre revenu",
                "✔ Valider",
                "type:6000",
                "Non",
                "opt:Locataire, sans aide au logement",
            ],
            "en",
        )
        assert "🟢 Free C2S: you are probably eligible" in text, text
        assert "minus the pay for a finished training course with no other income instead: €6,000" in text
        assert "€8,500" in text

        # 3. In Arabic: a couple born 1992 and 1994 with their baby born this year (0), 20 000 € over the C2S period.
        # Three people: 10 339 × 1.8 = 18 610 € free, × 1.35 = 25 123 € → C2S with participation, 14 + 14 + 8 =
        # 36 € (33, 31 and 0 on 1 January 2026; the same bands in 2027).
        text = await card(
            api,
            bot,
            api.user(95003, language_code="ar"),
            [
                "opt:Nationalité française ou européenne",
                "opt:Plus de 3 mois (ou depuis toujours)",
                "type:1992",
                "type:3",
                "Oui",
                "type:1994",
                "Non",
                "type:0",
                "opt:En France métropolitaine",
                "opt:Aucune de ces aides",
                "✔ Valider",
                "opt:Non, elles changent",
                "type:20000",
                "opt:Non, personne",
                "✔ Valider",
                "Non",
                "opt:Locataire, sans aide au logement",
            ],
            "ar",
        )
        assert f"18,610{NBSP}€" in text and f"25,123{NBSP}€" in text, text
        assert f"36{NBSP}€" in text

        # 4. In Russian: born 1980, alone, 20 000 € (over 13 957 €: no C2S), on sick leave since 24 August 2026 — its
        # 91st day on 22 November (24 August is its 1st): more than 90 days, the social service's meeting now.
        user = api.user(95004, language_code="ru")
        await start_in(api, bot, user, "ru")
        steps = [
            "opt:Nationalité française ou européenne",
            "opt:Plus de 3 mois (ou depuis toujours)",
            "type:1980",
            "type:1",
            "opt:En France métropolitaine",
            "opt:Aucune de ces aides",
            "✔ Valider",
            "opt:Non, elles changent",
            "type:20000",
            "opt:Non, personne",
            "✔ Valider",
            "Non",
            "opt:Locataire, sans aide au logement",
            "Non",
            "opt:Je suis en arrêt de travail",
            "✔ Valider",
            "type:24/08/2026",
        ]
        for step in steps:
            last = await said(api, bot, user, shown("ru", step))
        text = _plain([m.text for m in last if not m.edited][-2])
        assert "91" in text and "24 августа 2026" in text, text


async def start_in(api: FakeBotAPI, bot: DrivenBot, user: FakeUser, language: str) -> None:
    """/start, the language by its own name (« Русский »), the consent, then the rights check from the menu."""
    t = translator(language)
    await said(api, bot, user, "/start")
    await said(api, bot, user, f"press:{language_name(language)}")
    await said(api, bot, user, f"press:{t(msg('✅ J' + chr(39) + 'accepte', 'button'))}")
    await said(api, bot, user, f"press:{t(msg('🩺 Bilan de mes droits santé', 'menu'))}")
