"""Sixth rights-check drill through the chat: the real bot over HTTP (the fake Bot API), in French and Arabic.

The bot's clock is 22 November 2026 (`tests.conftest.NOW`). AME (CASF L251-1 since loi n° 2019-1479): an adult's 3
months are those of an irregular stay, from the day the visa or permit ran out; « plus de trois mois » begins the day
after (a visa over on 22 October 2026: AME from 23 January 2027); urgent care meanwhile (CASF L254-1).
"""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.bot.test_e2e_rights_drill4 import card
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

VISA_OVER = [
    "opt:Sans titre de séjour",
    "opt:Plus de 3 mois (ou depuis toujours)",
    "type:22/10/2026",
    "type:1990",
    "type:1",
    "opt:En France métropolitaine",
    "opt:Non, elles changent",
    "type:8000",
    "Non",
    "opt:Locataire, sans aide au logement",
]
"""In France for 5 months on a visa that ran out on 22 October 2026, born 1990, alone, 8 000 € over 12 months (under
the free ceiling of 10 339 €): AME not yet, from 23 January 2027; before, « droit probable »."""


async def test_a_visa_over_last_month_reads_ame_from_three_months_later(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    async with driven_bot(api, db, assistant, flood_limit=1000) as bot:
        text = await card(api, bot, api.user(96001, language_code="fr"), VISA_OVER)
        assert (
            "🟡 AME (aide médicale de l'État) : pas encore\n"
            "• Votre visa ou titre de séjour a pris fin le 22 octobre 2026 : depuis 2020, l'AME demande 3 mois de "
            "séjour sans titre, soit à partir du 23 janvier 2027.\n"
            "→ Faites la demande d'AME en personne à votre CPAM à partir du 23 janvier 2027." in text
        ), text
        assert "🏥 Soins urgents à l'hôpital" in text and "droit probable" not in text

        text = await card(api, bot, api.user(96002, language_code="ar"), VISA_OVER, "ar")
        assert "انتهت تأشيرتك أو بطاقة إقامتك في 22 أكتوبر 2026" in text, text
        assert "23 يناير 2027" in text and "Votre visa" not in text
