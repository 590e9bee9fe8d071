"""In the chat, a coordinator gets last year's report too: in January, the year to report on is the one just ended."""

from __future__ import annotations

from datetime import UTC, datetime

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import AuditEntry
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.clock import Clock
from tests.support.db import rows
from tests.support.records import registered_on

COORDINATOR = 9
NEW_YEAR_IN_PARIS = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January 2027 in Paris


async def test_on_new_years_day_the_coordinator_gets_the_year_just_ended(flows: dict[str, Flow], db: Database) -> None:
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    clock = Clock(NEW_YEAR_IN_PARIS)
    assistant = Assistant(shipped, available_languages(), clock=clock)
    await make_staff(db, COORDINATOR, "coordinator")
    async with db.unit_of_work() as session:
        await registered_on(session, datetime(2026, 3, 2, 9, tzinfo=UTC))  # the service's first data
    staff = Talker(assistant, db, who=Identity(telegram_id=COORDINATOR))
    for step in ["/start", "press:Français", "press:J'accepte", "/staff"]:
        await staff.do(step)

    reports = [row for row in staff.screen[0].labels() if row[0].startswith("📈")]
    assert reports == [["📈 Rapport annuel 2027"], ["📈 Rapport annuel 2026"]]
    shown = await staff.do("press:📈 Rapport annuel 2026")
    assert shown[0].text.startswith("faire-lien — indicateurs 2026")
    assert shown[0].document is not None and shown[0].document.filename == "indicateurs-2026.xlsx"
    assert shown[0].labels() == [["◀ Espace professionnels"], ["☰ Menu"]]  # before: no button, /staff to type again
    await staff.do("press:◀ Espace professionnels")
    assert staff.screen[0].text == "Espace professionnels :"
    audit = [(a.actor, a.action, a.detail) for a in await rows(db, AuditEntry) if a.action == "read_yearly_report"]
    assert audit == [(f"telegram:{COORDINATOR}", "read_yearly_report", {"year": 2026})]


async def test_a_facilitator_is_offered_no_yearly_report(flows: dict[str, Flow], db: Database) -> None:
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant(shipped, available_languages(), clock=Clock(NEW_YEAR_IN_PARIS))
    await make_staff(db, COORDINATOR, "facilitator")
    staff = Talker(assistant, db, who=Identity(telegram_id=COORDINATOR))
    for step in ["/start", "press:Français", "press:J'accepte", "/staff"]:
        await staff.do(step)
    assert not [row for row in staff.screen[0].labels() if row[0].startswith("📈")]


async def test_a_report_button_for_a_year_outside_the_services_life_reads_nothing(
    flows: dict[str, Flow], db: Database
) -> None:
    """A button for 1066 (no menu offers it: a forged or very old one) reads « Ce bouton n'est plus valide… » and
    the staff menu, and leaves no audit row; before, it sent « faire-lien — indicateurs 1066 », empty, with its
    workbook, audited as a report read."""
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant(shipped, available_languages(), clock=Clock(NEW_YEAR_IN_PARIS))
    await make_staff(db, COORDINATOR, "coordinator")
    staff = Talker(assistant, db, who=Identity(telegram_id=COORDINATOR))
    for step in ["/start", "press:Français", "press:J'accepte", "/staff"]:
        await staff.do(step)
    for year in ("1066", "2023", "2028"):
        shown = await staff.do(f"raw:rep:{year}")
        assert shown[0].text.startswith("Ce bouton n'est plus valide."), year
        assert all(reply.document is None for reply in shown)
        assert ["📈 Rapport annuel 2027"] in staff.screen[-1].labels()
    assert [a for a in await rows(db, AuditEntry) if a.action == "read_yearly_report"] == []


async def years_offered(flows: dict[str, Flow], db: Database, first: datetime | None) -> tuple[Talker, list[str]]:
    """A coordinator's /staff on 22 November 2026, the service's first registration on `first` (None: no data), and
    the report buttons it shows."""
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant(shipped, available_languages(), clock=Clock(NOW))
    await make_staff(db, COORDINATOR, "coordinator")
    if first is not None:
        async with db.unit_of_work() as session:
            await registered_on(session, first)
    staff = Talker(assistant, db, who=Identity(telegram_id=COORDINATOR))
    for step in ["/start", "press:Français", "press:J'accepte", "/staff"]:
        await staff.do(step)
    return staff, [row[0] for row in staff.screen[0].labels() if row[0].startswith("📈")]


async def test_the_years_offered_begin_with_the_services_first_registration(
    flows: dict[str, Flow], db: Database
) -> None:
    """First registered in 2025: 2026 and 2025, and a button for 2024 (before the service's data) is refused, reading
    nothing; before, every year from 2024 was offered, whatever the database held."""
    staff, offered = await years_offered(flows, db, datetime(2025, 6, 10, 8, tzinfo=UTC))
    assert offered == ["📈 Rapport annuel 2026", "📈 Rapport annuel 2025"]
    shown = await staff.do("raw:rep:2024")
    assert shown[0].text.startswith("Ce bouton n'est plus valide.")
    assert [a for a in await rows(db, AuditEntry) if a.action == "read_yearly_report"] == []
    shown = await staff.do("raw:rep:2025")
    assert shown[0].text.startswith("faire-lien — indicateurs 2025")


async def test_a_service_with_no_data_yet_is_offered_this_year_only(flows: dict[str, Flow], db: Database) -> None:
    staff, offered = await years_offered(flows, db, None)
    assert offered == ["📈 Rapport annuel 2026"]
    assert (await staff.do("raw:rep:2025"))[0].text.startswith("Ce bouton n'est plus valide.")
