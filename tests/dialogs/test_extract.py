"""Flow texts reach the catalog: the extractor sees them and the English catalog translates them all."""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

from dialogs.extract import extract_flows
from dialogs.loader import BUILTIN_DIRS
from dialogs.schema import Flow

LOCALES = Path(__file__).resolve().parents[2] / "locales"
FIXTURES = Path(__file__).parent / "fixtures"


def flow_texts(flow: Flow) -> set[str]:
    texts = {flow.title, *([flow.intro] if flow.intro else [])}
    for step in flow.steps:
        texts.update(t for t in (step.text, step.help, step.simple, step.summary, step.pattern_error) if t)
        texts.update(o.label for o in step.options)
    if flow.scoring is not None:
        texts.update(o.text for o in flow.scoring.orientations)
    return texts


def test_extractor_yields_every_flow_text_with_its_context(flows: dict[str, Flow]) -> None:
    path = FIXTURES / "about_you.yaml"
    found = list(extract_flows(io.BytesIO(path.read_bytes()), [], [], {}))
    assert {m[2][1] for m in found} == flow_texts(flows["about_you"])
    assert {m[2][0] for m in found} == {"flow:about_you"}
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
        for text in flow_texts(flow):
            assert template.get(text, context=flow.context) is not None, f"run `make i18n`: {text!r} missing"
            entry = english.get(text, context=flow.context)
            assert entry is not None, text
            assert entry.string, text
            assert not entry.fuzzy, text


def test_english_catalog_is_marked_as_draft() -> None:
    review = yaml.safe_load((LOCALES / "review.yaml").read_text(encoding="utf-8"))
    assert review["en"]["status"] == "draft"
    with (LOCALES / "en" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        english = read_po(f)
    assert "DRAFT" in english.header_comment
