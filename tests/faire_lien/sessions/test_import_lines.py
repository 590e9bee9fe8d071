"""Every problem of an import file names its line: CSV rows, YAML fields and items, unreadable files."""

from __future__ import annotations

import pytest

from faire_lien.sessions.spec import SpecError, parse_csv, parse_yaml

HEADER = "kind,title_fr,start,end,place,address,capacity\n"
GOOD = 'info_meeting,Réunion,2027-01-05 14:00,16:00,CPAM,"41 rue Touffenet, 86000 Poitiers",12\n'


def problems(parse: object, text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(SpecError) as error:
        parse(text, "f")  # type: ignore[operator]
    return [(p.line, p.field, p.code) for p in error.value.problems]


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them() -> None:
    text = HEADER + GOOD + 'info_meeting,,2027-01-05 14:00,13:00,C,"41 rue Touffenet, 86000 Poitiers",x\n'
    assert problems(parse_csv, text) == [
        (3, "title", "french_title"),
        (3, "place", "string_too_short"),
        (3, "capacity", "int_parsing"),
    ]
    end_first = HEADER + 'info_meeting,R,2027-01-05 14:00,13:00,CPAM,"41 rue Touffenet, 86000 Poitiers",1\n'
    assert problems(parse_csv, end_first) == [(2, "", "end_before_start")]


def test_csv_extra_values_and_unknown_columns_are_problems() -> None:
    shifted = HEADER + "info_meeting,R,2027-01-05 14:00,16:00,CPAM,41 rue Touffenet, 86000 Poitiers,12\n"
    assert problems(parse_csv, shifted) == [(2, "", "extra_values")]
    unknown = "kind,title_fr,start,end,place,address,capacity,colour\n" + GOOD.rstrip("\n") + ",red\n"
    assert problems(parse_csv, unknown) == [(2, "colour", "extra_forbidden")]


def test_a_spreadsheet_csv_with_semicolons_and_a_byte_order_mark_is_read() -> None:
    text = (
        "\ufeffkind;title_fr;start;end;place;address;capacity\r\n"
        "info_meeting;Réunion;2027-01-05 14:00;16:00;CPAM;41 rue Touffenet, 86000 Poitiers;12\r\n"
    )
    (spec,) = parse_csv(text, "f")
    assert (spec.kind, spec.place, spec.capacity) == ("info_meeting", "CPAM", 12)


def test_yaml_problems_name_the_line_of_their_field() -> None:
    text = (
        "- kind: info_meeting\n"
        "  title: {fr: Réunion}\n"
        "  start: 2027-01-05 14:00\n"
        "  end: '16:00'\n"
        "  place: CPAM\n"
        "  address: 41 rue Touffenet, 86000 Poitiers\n"
        "  capacity: 12\n"
        "- kind: nope\n"
        "  title:\n"
        "    fr: Groupe\n"
        "    en: 3\n"
        "  start: 2027-01-06 14:00\n"
        "  end: '16:00'\n"
        "  place: CCAS\n"
        "  address: 1 place du Marché\n"
        "  capacity: 0\n"
    )
    assert problems(parse_yaml, text) == [
        (8, "kind", "literal_error"),
        (11, "title.en", "string_type"),
        (16, "capacity", "greater_than_equal"),
    ]


def test_unreadable_yaml_says_where() -> None:
    assert problems(parse_yaml, "- kind: info_meeting\n  title: [unclosed\n") == [(3, "", "yaml")]
    assert problems(parse_yaml, "kind: info_meeting\n") == [(1, "", "not_a_list")]
    with pytest.raises(SpecError) as error:
        parse_yaml("kind: x\n", "s.yaml")
    assert str(error.value.problems[0]) == "s.yaml:1: row: expected a list of meetings"
