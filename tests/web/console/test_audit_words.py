"""Every audit action has its sentence and its short name; a row missing details still reads as a sentence."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import get_args

from storage.models import AuditEntry, StaffMember
from storage.statuses import AuditAction
from web.console.audit_words import ACTION_NAMES, WORDS, Names, sentence
from web.console.i18n import catalog

AT = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def names(language: str = "fr") -> Names:
    marie = StaffMember(telegram_id=5, role="coordinator", added_by="test", added_at=AT, display_name="Marie")
    return Names(catalog(language).gettext, language, {5: marie}, {"epices": "Questionnaire EPICES"}, {4: "K7P2QX"})


def test_every_audit_action_has_a_sentence_and_a_name() -> None:
    actions = set(get_args(AuditAction))
    assert actions - set(WORDS) == set(), "add a sentence to web/console/audit_words.py: WORDS"
    assert actions - set(ACTION_NAMES) == set(), "add a short name to web/console/audit_words.py: ACTION_NAMES"


def test_every_action_reads_as_a_sentence_even_without_details() -> None:
    for action in get_args(AuditAction):
        text = sentence(AuditEntry(actor="telegram:5", action=action, at=AT, detail={}), names())
        assert text.endswith(".") and "{" not in text, action


def test_sentences_name_staff_people_and_jobs() -> None:
    def said(actor: str, action: str, person: int | None = None, **detail: object) -> str:
        return sentence(AuditEntry(actor=actor, action=action, at=AT, person_id=person, detail=detail), names())

    assert said("telegram:5", "read_roster", meeting=12) == (
        "Marie (coordination) a consulté la liste des inscrits de la rencontre n° 12."
    )
    assert said("telegram:9", "read_failed_message", 7, message=3) == (
        "Telegram 9 a consulté le message non remis n° 3 (personne n° 7)."
    )
    assert said("invite:telegram:5", "grant_role", telegram_id=9, role="mediator") == (
        "Telegram 9 a rejoint l'équipe (médiation) avec une invitation de Marie (coordination)."
    )
    assert said("console:alice", "mark_attendance", registration=4, attendance="excused") == (
        "alice (serveur) a noté « excusé·e » pour la réservation K7P2QX."
    )
    assert said("person", "forget") == "Une personne a effacé ses données."
    assert said("telegram:5", "read_survey_results", survey="epices", meetings=[1, 2]) == (
        "Marie (coordination) a consulté les résultats du questionnaire « Questionnaire EPICES » "
        "de plusieurs rencontres (n° 1, 2)."
    )
    over_months = {"survey": "epices", "kind": "info_meeting", "first": "2026-01", "last": None, "sessions": 37}
    assert said("telegram:5", "read_survey_results", **over_months) == (
        "Marie (coordination) a consulté les résultats du questionnaire « Questionnaire EPICES » des rencontres "
        "« Réunion d'information » sur la période janvier 2026 – … (37 rencontres interrogées)."
    )
    english = sentence(AuditEntry(actor="x", action="read_survey_results", at=AT, detail=over_months), names("en"))
    assert english.endswith("“Information meeting” sessions from January 2026 to … (37 sessions surveyed).")
    assert said("telegram:5", "rename_staff", telegram_id=5, cleared=True) == (
        "Marie (coordination) a retiré le nom affiché de Marie (coordination)."
    )
    assert said("telegram:5", "none") == "Marie (coordination) : action « none »."


def test_counts_in_sentences_are_written_as_the_readers_language_writes_numbers() -> None:
    purge = AuditEntry(actor="retention", action="purge", at=AT, detail={"before": "2025-11-22", "people": 1234})
    assert sentence(purge, names()).endswith("personnes concernées : 1\u202f234.")
    assert sentence(purge, names("en")).endswith("people concerned: 1,234.")
    moved = AuditEntry(actor="telegram:5", action="move_session", at=AT, detail={"meeting": 1234, "told": 1500})
    assert sentence(moved, names()) == (
        "Marie (coordination) a déplacé la rencontre n° 1234 ; personnes prévenues : 1\u202f500."
    )  # the session's number names it: never grouped


def test_an_export_with_nothing_to_give_reads_as_an_attempt_never_as_an_export() -> None:
    def said(language: str, **detail: object) -> str:
        entry = AuditEntry(actor="telegram:5", action="export_survey_nothing", at=AT, detail=detail)
        return sentence(entry, names(language))

    one = {"survey": "epices", "meeting": 12, "format": "csv", "via": "console"}
    assert said("fr", **one) == (
        "Marie (coordination) a demandé un export (CSV) des résultats du questionnaire « Questionnaire EPICES » "
        "de la rencontre n° 12 : rien à exporter, aucun fichier donné."
    )
    months = {"survey": "epices", "kind": "info_meeting", "first": "2026-01", "last": None, "format": "xlsx"}
    assert said("fr", **months) == (
        "Marie (coordination) a demandé un export (XLSX) des résultats du questionnaire « Questionnaire EPICES » "
        "des rencontres « Réunion d'information » sur la période janvier 2026 – … : rien à exporter, aucun fichier "
        "donné."
    )
    assert said("en", **one) == (
        "Marie (coordinator) asked for an export (CSV) of the results of the “Questionnaire EPICES” survey for "
        "session no. 12: nothing to export, no file given."
    )
    assert ACTION_NAMES["export_survey_nothing"] == "Export demandé, rien à exporter"
