"""Flow texts reach the catalog: the extractor sees them and the English catalog translates them all."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import yaml
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from dialogs import engine
from dialogs.events import Choose
from dialogs.extract import extract_flows
from dialogs.i18n import Translator
from dialogs.loader import BUILTIN_DIRS
from dialogs.schema import Flow, Step
from dialogs.steps import kind_of
from dialogs.steps.base import answers_context
from dialogs.steps.yesno import NO, YES

LOCALES = Path(__file__).resolve().parents[2] / "locales"
FIXTURES = Path(__file__).parent / "fixtures"
GFST = Path(__file__).resolve().parents[2] / "dialogs" / "grids" / "gfst.yaml"


def flow_texts(flow: Flow) -> set[tuple[str, str]]:
    """(context, text) of every text of a flow; a question's answers have the question's own context."""
    texts = {flow.title, *([flow.intro] if flow.intro else [])}
    answers: set[tuple[str, str]] = set()
    for step in flow.steps:
        texts.update(t for t in (step.text, step.help, step.simple, step.summary, step.pattern_error) if t)
        own = answers_context(flow.context, step.id)
        answers.update((own, o.label) for o in step.options)
        if step.kind == "yesno":
            answers.update({(own, YES.msgid), (own, NO.msgid)})
    if flow.scoring is not None:
        texts.update(o.text for o in flow.scoring.orientations)
        texts.update(o.label for o in flow.scoring.orientations if o.label)
    return {(flow.context, text) for text in texts} | answers


def test_extractor_yields_every_flow_text_with_its_context(flows: dict[str, Flow]) -> None:
    path = FIXTURES / "about_you.yaml"
    found = list(extract_flows(io.BytesIO(path.read_bytes()), [], [], {}))
    assert {m[2] for m in found} == flow_texts(flows["about_you"])
    assert all(m[1] == "pgettext" for m in found)
    line, _, _, comments = next(m for m in found if m[2][1] == "Quel âge avez-vous ?")
    assert path.read_text(encoding="utf-8").splitlines()[line - 1].strip().startswith("text:")
    assert comments == ["step age: text"]


def test_every_flow_text_is_in_the_template_and_translated(flows: dict[str, Flow]) -> None:
    with (LOCALES / "messages.pot").open("rb") as f:
        template = read_po(f)
    with (LOCALES / "en" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        english = read_po(f)
    for path in [path for folder in BUILTIN_DIRS for path in folder.glob("*.yaml")]:
        flow = flows[path.stem]
        for context, text in flow_texts(flow):
            assert template.get(text, context=context) is not None, f"run `make i18n`: {text!r} missing"
            entry = english.get(text, context=context)
            assert entry is not None, text
            assert entry.string, text
            assert not entry.fuzzy, text


def test_english_catalog_is_marked_as_draft() -> None:
    review = yaml.safe_load((LOCALES / "review.yaml").read_text(encoding="utf-8"))
    assert review["en"]["status"] == "draft"
    with (LOCALES / "en" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        english = read_po(f)
    assert "DRAFT" in english.header_comment


TAGGED = """\
id: notes
version: 1
title: "Essai"
steps:
  # TRANSLATORS: validated wording,
  # do not paraphrase.
  - {id: q1, kind: yesno, text: "Vivez-vous en couple ?", next: q2}
  # An ordinary comment for the people editing the file.
  - id: q2
    kind: choice
    # TRANSLATORS: "CAF" stays as it is.
    text: "Recevez-vous une aide de la CAF ?"
    summary: "Aide CAF"
    options:
      - id: "yes"
        label: "Oui"
"""


def test_tagged_yaml_comments_reach_the_catalog_for_the_texts_below_them() -> None:
    found = {m[2][1]: m[3] for m in extract_flows(io.BytesIO(TAGGED.encode()), [], ["TRANSLATORS:"], {})}
    assert found["Vivez-vous en couple ?"] == ["step q1: text", "TRANSLATORS: validated wording, do not paraphrase."]
    assert found["Recevez-vous une aide de la CAF ?"] == ["step q2: text", 'TRANSLATORS: "CAF" stays as it is.']
    assert found["Aide CAF"] == ["step q2: summary"]  # the note is above the question only
    untagged = {m[2][1]: m[3] for m in extract_flows(io.BytesIO(TAGGED.encode()), [], [], {})}
    assert untagged["Vivez-vous en couple ?"] == ["step q1: text"]


def test_every_epices_item_tells_translators_not_to_paraphrase(flows: dict[str, Flow]) -> None:
    epices = flows["epices"]
    for path in [LOCALES / "messages.pot", *sorted(LOCALES.glob("*/LC_MESSAGES/messages.po"))]:
        with path.open("rb") as f:
            catalog = read_po(f)
        for step in epices.steps:
            entry = catalog.get(step.text, context=epices.context)
            assert entry is not None, step.text
            assert "do not paraphrase" in " ".join(entry.auto_comments), f"{path}: {step.id}"


def test_ukrainian_epices_item_7_keeps_any_show_not_only_a_play_or_a_concert() -> None:
    with (LOCALES / "uk" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        ukrainian = read_po(f)
    entry = ukrainian.get("Êtes-vous allé au spectacle au cours des 12 derniers mois ?", context="flow:epices")
    assert entry is not None
    assert "видовищ" in entry.string  # a show of any kind, as « spectacle » in the validated grid
    assert "виставу" not in entry.string and "концерт" not in entry.string


def test_the_same_answer_in_two_questions_is_translated_apart(tmp_path: Path) -> None:
    catalog = Catalog(locale="pt")
    catalog.add("Oui", "Vivo", context="flow:pair/couple")
    catalog.add("Oui", "Tenho", context="flow:pair/car")
    catalog.add("Non", "Não", context="flow:pair/couple")
    catalog.add("Non", "Não", context="flow:pair/car")
    folder = tmp_path / "pt" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    t = Translator("pt", Translations.load(str(tmp_path), ["pt"], "messages"))
    steps = [
        Step(id="couple", kind="yesno", text="Vivez-vous en couple ?", next="car"),
        Step(
            id="car",
            kind="choice",
            text="Avez-vous une voiture ?",
            options=[{"id": "y", "label": "Oui"}, {"id": "n", "label": "Non"}],
        ),
    ]
    flow = Flow(id="pair", version=1, title="Essai", steps=steps)
    first = engine.start(flow)
    assert isinstance(first.outputs[0], engine.Question)
    assert kind_of(steps[0]).keyboard(first.outputs[0], t, "f:1:")[0][0].label == "Vivo"
    second = engine.advance(flow, first.state, Choose("yes"), date(2026, 11, 22), Locale("fr")).outputs[0]
    assert isinstance(second, engine.Question)
    assert kind_of(steps[1]).keyboard(second, t, "f:2:")[0][0].label == "Tenho"
    found = {m[2] for m in extract_flows(io.BytesIO(GFST.read_bytes()), [], [], {})}
    assert {("flow:gfst/lives_alone", "Oui"), ("flow:gfst/tired", "Oui")} <= found
