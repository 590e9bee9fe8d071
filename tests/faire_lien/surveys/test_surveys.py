"""Satisfaction poll after a session and the impact survey three months later, results with small groups hidden."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from dialogs.i18n import available_languages, translator
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.outbox.registry import render
from faire_lien.surveys.exports import to_csv, to_xlsx
from faire_lien.surveys.present import report_text
from faire_lien.surveys.results import summarize
from storage.db import Database
from storage.meetings import register
from storage.models import AuditEntry, Meeting, OutboxMessage, Registration, SurveyInvitation
from storage.people import Identity
from storage.surveys import SessionAnswers
from tests.conftest import NOW, assign_staff, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.cli import RunCli
from tests.support.db import rows
from tests.support.records import a_meeting

STAFF_ID = 9


def assistant_with_staff(flows: dict[str, Flow]) -> Assistant:
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    return Assistant(shipped, available_languages(), clock=lambda: NOW)


async def held_meeting(db: Database, people: list[Talker], series: str | None = None, days_ago: int = 1) -> int:
    """A meeting that took place, with everyone registered (registration happened before it)."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(
            session,
            NOW + timedelta(days=1),
            kind="info_meeting",
            title={"fr": "Réunion C2S", "en": "C2S meeting"},
            place="CPAM",
            address="1 rue X, 86000 Poitiers",
            capacity=20,
            series=series,
        )
        for talker in people:
            person_id = await person_id_of(session, talker)
            await register(session, meeting.id, person_id, NOW)
        meeting.starts_at = NOW - timedelta(days=days_ago)
        meeting.ends_at = NOW - timedelta(days=days_ago) + timedelta(hours=2)
        return meeting.id


async def person_id_of(session: Any, talker: Talker) -> int:
    from storage.people import find_person

    person = await find_person(session, talker.who)
    assert person is not None
    return person.id


async def people(assistant: Assistant, db: Database, count: int, language: str = "fr") -> list[Talker]:
    found = []
    for n in range(count):
        talker = Talker(assistant, db, who=Identity(telegram_id=200 + n), language_hint=language)
        label = "Français" if language == "fr" else "English"
        for step in ["/start", f"press:{label}", "press:J'accepte" if language == "fr" else "press:I agree"]:
            await talker.do(step)
        found.append(talker)
    return found


async def test_poll_to_people_present_answers_and_results(flows: dict[str, Flow], db: Database) -> None:
    assistant = assistant_with_staff(flows)
    crowd = await people(assistant, db, 6)
    meeting_id = await held_meeting(db, crowd)
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    await make_staff(db, STAFF_ID, "facilitator")
    await assign_staff(db, STAFF_ID, meeting_id)  # a facilitator follows the sessions they are assigned to
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await staff.do(step)
    registrations = await rows(db, Registration)
    for registration in registrations[:5]:  # the sixth person did not come
        await staff.do(f"raw:att:{registration.id}:present")
    await staff.do(f"raw:poll:{meeting_id}")
    assert staff.screen[0].text == "📨 Avis mis en file d'attente pour 5 nouvelles personnes présentes, envoi en cours."
    await staff.do(f"raw:poll:{meeting_id}")  # pressed again: nobody is asked twice
    assert staff.screen[0].text == (
        "📨 Personne de plus à inviter : chaque personne marquée présente a déjà son invitation."
    )
    hot = {i.id for i in await rows(db, SurveyInvitation) if i.flow_id == "hot_evaluation"}
    invites = [m for m in await rows(db, OutboxMessage) if m.kind == "survey_invite" and m.payload["invitation"] in hot]
    assert len(invites) == 5
    async with db.unit_of_work() as session:
        reply = await render(session, invites[0], translator("fr"), NOW)
    assert reply is not None
    assert reply.text.startswith("Merci d'être venu·e à « Réunion C2S »")
    assert reply.labels() == [["✍️ Répondre"]]

    invitations = [i for i in await rows(db, SurveyInvitation) if i.flow_id == "hot_evaluation"]
    answers = [
        ("5", "5", "Oui", "10"),
        ("4", "4", "En partie", "9"),
        ("4", "5", "Oui", "7"),
        ("3", "3", "Non", "3"),
        ("5", "4", "Oui", "10"),
    ]
    by_person = {i.person_id: i for i in invitations}
    for talker, (emoji, clarity, useful, score) in zip(crowd[:5], answers, strict=True):
        async with db.unit_of_work() as session:
            pid = await person_id_of(session, talker)
        await talker.do(f"raw:sv:{by_person[pid].id}")
        assert "Votre avis sur la rencontre · question 1" in talker.screen[0].text
        face = {"5": "😀", "4": "🙂", "3": "😐"}[emoji]
        for step in [f"press:{face}", f"press:{clarity}", f"press:{useful}", "press:Passer", f"press:{score}"]:
            await talker.do(step)
        await talker.do("type:Très bien expliqué =SUM(A1)" if emoji == "5" else "press:Passer")
        assert talker.screen[0].text.startswith("🙏 Merci !")
    await crowd[0].do(f"raw:sv:{by_person[invitations[0].person_id].id}")
    assert crowd[0].screen[0].text.startswith("Vous avez déjà répondu à ce questionnaire.")

    await staff.do(f"raw:res:{meeting_id}")
    text = staff.screen[0].text
    assert "Personnes invitées : 5 · répondants : 5 · taux de réponse : 100 % (arrondi par groupes de 5)" in text
    assert "• Dans l'ensemble (n = 5) : 😞 0 % · 🙁 0 % · 😐 20 % · 🙂 40 % · 😀 40 % ; moyenne 4,2" in text
    assert "• Recommandation (n = 5) :" in text and "moyenne 7,8 ; NPS +40" in text
    assert "• Invitation appréciée : moins de 5 réponses" in text  # everyone skipped it
    assert "« Très bien expliqué =SUM(A1) »" in text
    assert staff.screen[0].document is not None and staff.screen[0].document.content[:4] == b"\x89PNG"
    read = [
        a.detail for a in await rows(db, AuditEntry) if a.action in ("read_survey_results", "export_survey_results")
    ]
    chart = {"survey": "hot_evaluation", "meeting": meeting_id, "via": "bot", "format": "png"}
    assert read == [{"meeting": meeting_id}, chart]  # the chart sent is an export, as a console download is
    statuses = sorted(i.status for i in await rows(db, SurveyInvitation) if i.flow_id == "hot_evaluation")
    assert statuses == ["answered"] * 5


async def test_results_under_5_respondents_are_hidden(flows: dict[str, Flow], db: Database) -> None:
    report = summarize(flows["hot_evaluation"], [SessionAnswers(1, 4, [{"overall": 5, "comment": "merci"}] * 4)])
    text = report_text(report, "📊", translator("fr"))
    assert "1 rencontre avec moins de 5 répondants n'est pas comptée, pour que personne" in text
    assert "4" not in text  # how many answered a session not counted is never given
    assert "merci" not in text and "Dans l'ensemble" not in text
    nobody = report_text(summarize(flows["hot_evaluation"], [SessionAnswers(1, 4, [])]), "📊", translator("fr"))
    assert "Moins de 5 réponses : le détail est masqué" in nobody


async def test_impact_survey_three_months_after_the_last_meeting_of_a_series(
    flows: dict[str, Flow], db: Database
) -> None:
    assistant = assistant_with_staff(flows)
    (talker,) = await people(assistant, db, 1)
    first = await held_meeting(db, [talker], series="aidants-2026", days_ago=8)
    last = await held_meeting(db, [talker], series="aidants-2026", days_ago=1)
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    await make_staff(db, STAFF_ID, "facilitator")
    for meeting_id in (first, last):
        await assign_staff(db, STAFF_ID, meeting_id)
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await staff.do(step)
    regs = {r.meeting_id: r.id for r in await rows(db, Registration)}
    await staff.do(f"raw:att:{regs[first]}:present")
    await staff.do(f"raw:att:{regs[last]}:present")
    (invitation,) = [i for i in await rows(db, SurveyInvitation) if i.flow_id == "impact_3m"]
    assert invitation.meeting_id == last
    (message,) = [m for m in await rows(db, OutboxMessage) if m.kind == "survey_invite" and m.status == "pending"]
    async with db.unit_of_work() as session:
        meeting = await session.get(Meeting, last)
    assert meeting is not None
    assert message.due_at == datetime(2027, 2, 21, 12, 0, tzinfo=UTC)


def test_exports_escape_formulas() -> None:
    header = ["question", "réponse", "%"]
    data = [["=1+1", "+33 6", 40], ["@cmd", "-2", 60], ["Clarté", "ok", 10]]
    csv_text = to_csv(header, data).decode("utf-8-sig")
    assert "'=1+1,'+33 6,40" in csv_text and "'@cmd,'-2,60" in csv_text
    sheet = load_workbook(BytesIO(to_xlsx({"Résultats": (header, data)})))["Résultats"]
    assert [c.value for c in sheet[2]] == ["'=1+1", "'+33 6", 40]
    assert sheet["A2"].data_type == "s"


def test_exports_escape_formulas_behind_spaces_and_in_full_width() -> None:
    """The command line's CSV and the workbooks: a formula after spaces or a tab, in full-width forms, or a cell
    starting with a carriage return is prefixed like a leading « = » (before: written as it was)."""
    data = [["  =1+1", "\t-2", "\r@A1"], ["＝1+1", " ＋33", "\u3000＠cmd"], ["a = b", "", 3]]
    assert to_csv(["q", "r", "n"], data) == (
        "\ufeffq,r,n\r\n'  =1+1,'\t-2,\"'\r@A1\"\r\n'＝1+1,' ＋33,'\u3000＠cmd\r\na = b,,3\r\n".encode()
    )
    sheet = load_workbook(BytesIO(to_xlsx({"Résultats": (["q", "r", "n"], data)})))["Résultats"]
    assert [c.value for c in sheet[3]] == ["'＝1+1", "' ＋33", "'\u3000＠cmd"]


async def test_results_exports_and_yearly_report(
    flows: dict[str, Flow], db: Database, tmp_path: Path, run_cli: RunCli
) -> None:
    env = {"DATABASE_URL": db.url}
    await test_poll_to_people_present_answers_and_results(flows, db)
    (meeting,) = await rows(db, Meeting)
    out = run_cli(
        "surveys",
        "results",
        "--meeting",
        str(meeting.id),
        "--csv",
        str(tmp_path / "r.csv"),
        "--xlsx",
        str(tmp_path / "r.xlsx"),
        "--chart",
        str(tmp_path / "r.png"),
        "--staff",
        "marie",
        env=env,
    ).check()
    assert "Personnes invitées : 5 · répondants : 5 · taux de réponse : 100 % (arrondi par groupes de 5)" in out
    csv_text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "Dans l'ensemble,5,2,40.0,5,4.2," in csv_text
    comments = load_workbook(tmp_path / "r.xlsx")["comments"]
    assert comments["A2"].value == "Très bien expliqué =SUM(A1)" and comments["A2"].data_type == "s"
    assert (tmp_path / "r.png").read_bytes()[:4] == b"\x89PNG"
    by_kind = run_cli(
        "surveys", "results", "--kind", "info_meeting", "--from", "2026-11", "--to", "2026-11", env=env
    ).check()
    assert "répondants : 5" in by_kind
    args = ["report", "--year", "2026", "--xlsx", str(tmp_path / "y.xlsx"), "--language", "en"]
    report = run_cli(*args, env=env).check()
    assert report.startswith("faire-lien — indicators 2026\n")
    assert "People who came to collective sessions: 5" in report
    assert "[Sessions held, by kind]\nInformation meeting: 1" in report
    assert "(n = 6)" not in report  # only 5 were marked
    assert "Present, among registered people whose attendance was marked: 100% (n = 5)" in report
    assert "[Your opinion of the session]\nResponse rate: 100% (n = 5/5)\nOverall: mean 4.2 (n = 5)" in report
    assert "Useful: 60%: Yes (n = 5)" in report and "Recommendation: mean 7.8 (n = 5) — NPS +40" in report
    said = "Response rate: no answer counted — 5 are needed from the same session"
    assert f"[Three months later]\n{said}\nResults: Fewer than 5 answers" in report
    sheet = load_workbook(tmp_path / "y.xlsx")["2026"]
    assert [c.value for c in sheet[1]] == ["Section", "Indicator", "Value", "n", "Note", "Value as shown"]
    assert sheet["B2"].value.startswith("People helped individually")
    french = run_cli("report", "--year", "2026", env=env).check()
    assert "Personnes venues aux rencontres collectives : 5" in french
    assert "Présentes, parmi les personnes inscrites dont la présence a été notée : 100 % (n = 5)" in french
    actions = sorted(a.action for a in await rows(db, AuditEntry) if a.actor == "marie")
    assert actions == [*["export_survey_results"] * 3, "read_survey_results"]  # a CSV, a workbook and a chart
