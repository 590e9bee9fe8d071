"""A results page over a kind and months lists the latest comments only, and says how many older ones the export has."""

from __future__ import annotations

from datetime import UTC, datetime

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.core.roles import Staff
from faire_lien.surveys.present import report_text
from faire_lien.surveys.service import Selection, survey_results
from storage.db import Database
from tests.conftest import NOW
from tests.support.surveys import surveyed_session

MARIE = Staff("coordinator", None, "marie")


async def test_page_shows_the_latest_comments_and_the_export_all(flows: dict[str, Flow], db: Database) -> None:
    hot = flows["hot_evaluation"]
    async with db.unit_of_work() as session:
        older = [{"overall": 4, "comment": f"ancien {n}"} for n in range(5)]
        newer = [{"overall": 5, "comment": f"récent {n}"} for n in range(5)]
        small = [{"overall": 3, "comment": "seul"}] * 4  # under 5 respondents: never quoted
        await surveyed_session(session, datetime(2026, 9, 10, 12, tzinfo=UTC), older)
        await surveyed_session(session, datetime(2026, 10, 10, 12, tzinfo=UTC), newer)
        await surveyed_session(session, datetime(2026, 10, 20, 12, tzinfo=UTC), small)
    chosen = Selection(kind="info_meeting")
    page = await survey_results(db, hot, chosen, MARIE, NOW, comments=3)
    assert page.comments == ["récent 2", "récent 3", "récent 4"]  # the newest session's latest answers
    assert page.more_comments == 7
    text = report_text(page, "hot", translator("fr"))
    assert "Commentaires plus anciens non affichés : 7. L'export (CSV ou XLSX) les contient tous." in text
    assert "Older comments not shown: 7." in report_text(page, "hot", translator("en"))
    assert "« récent 2 »" in text
    assert "“récent 2”" in report_text(page, "hot", translator("en"))  # the reader's quotation marks
    assert "„récent 2”" in report_text(page, "hot", translator("ro"))
    export = await survey_results(db, hot, chosen, MARIE, NOW, comments=None)
    assert export.comments == sorted([f"ancien {n}" for n in range(5)] + [f"récent {n}" for n in range(5)])
    assert export.more_comments == 0 and "plus anciens" not in report_text(export, "hot", translator("fr"))
    default = await survey_results(db, hot, chosen, MARIE, NOW)
    assert default.comments == export.comments and default.more_comments == 0
    assert (page.invited, page.respondents, page.left_out_sessions) == (14, 14, 1)
