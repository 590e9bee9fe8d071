"""Importing sessions from a file in the console: problems with their lines, a preview, then all or nothing."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator

from sqlalchemy import select

from faire_lien.sessions.spec import parse_csv
from storage.models import Meeting
from tests.web.console.conftest import Desk, SignedIn

CSV = (
    "kind,title_fr,title_en,start,end,place,address,capacity,languages\n"
    'checkup,Examen de santé,Health check-up,2027-01-12 7:30,9:30,CES Poitiers,"2 rue de la Croix, 86000 Poitiers",8,'
    '"fr,en"\n'
    "info_meeting,,x,2027-13-01 14:00,13:00,C,short,0,\n"
)
YAML = """- kind: info_meeting
  title: {fr: Réunion C2S, ar: اجتماع}
  start: 2027-01-05 14:00
  end: "16:00"
  place: CPAM Poitiers
  address: 41 rue Touffenet, 86000 Poitiers
  capacity: 12
- kind: caregivers
  title: {fr: Groupe des aidants}
  start: 2027-01-06 14:00
  end: "16:00"
  place: CCAS
  address: 1 place du Marché, 86000 Poitiers
  capacity: 10
"""
CONTENT = re.compile(r'name="content" value="([^"]*)"')


async def upload(signed: SignedIn, name: str, content: bytes) -> str:
    page = await signed.client.post(
        "/sessions/import", data={"csrf": signed.csrf}, files={"file": (name, content, "text/plain")}
    )
    return f"{page.status_code}\n{page.text}"


async def count(desk: Desk) -> int:
    async with desk.db.unit_of_work() as session:
        return len((await session.execute(select(Meeting.id))).all())


async def test_every_problem_is_listed_with_its_line_and_nothing_is_imported(desk: Desk) -> None:
    signed = await desk.sign_in(8401, "facilitator")
    page = await upload(signed, "rencontres.csv", CSV.encode())
    assert page.startswith("400")
    assert "Rien n'est importé : le fichier rencontres.csv a des problèmes." in page
    assert "Ligne 3 · title : Le titre en français est obligatoire." in page
    assert "Ligne 3 · start : Indiquez une date" in page
    assert "Ligne 3 · capacity : Le nombre de places doit être un nombre entier de 1 à 1000." in page
    assert "Ligne 2" not in page
    yaml_page = await upload(signed, "rencontres.yaml", YAML.replace("capacity: 10", "capacity: lots").encode())
    assert "Ligne 14 · capacity : Le nombre de places" in yaml_page
    assert await count(desk) == 0


async def test_a_good_file_is_previewed_then_published_all_at_once(desk: Desk) -> None:
    signed = await desk.sign_in(8402, "facilitator")
    page = await upload(signed, "rencontres.yaml", YAML.encode())
    assert page.startswith("200")
    assert "2 rencontres seront publiées" in page
    assert '<th scope="row"><bdi>Réunion C2S</bdi></th>' in page and "5 janv. 2027 · 14:00–16:00" in page
    assert "Groupe d&#39;aide aux aidants" in page
    assert await count(desk) == 0
    carried = CONTENT.search(page)
    assert carried is not None
    published = await signed.post(
        "/sessions/import/publish", {"name": "rencontres.yaml", "content": html.unescape(carried.group(1))}
    )
    assert published.status_code == 303 and published.headers["location"] == "/sessions"
    assert await count(desk) == 2
    listing = await signed.get("/sessions")
    assert "2 rencontres importées et publiées." in listing.text
    assert "Réunion C2S" in listing.text and "Groupe des aidants" in listing.text  # the importer follows them
    again = await signed.post(
        "/sessions/import/publish", {"name": "rencontres.yaml", "content": html.unescape(carried.group(1))}
    )
    assert again.status_code == 303 and await count(desk) == 2  # sent twice: published once
    relisted = html.unescape((await signed.get("/sessions")).text)
    assert "Les rencontres de ce fichier étaient déjà publiées : elles ne sont pas publiées deux fois." in relisted


async def test_publishing_reads_the_file_again_all_or_nothing(desk: Desk) -> None:
    signed = await desk.sign_in(8403, "coordinator")
    refused = await signed.post("/sessions/import/publish", {"name": "x.csv", "content": CSV})
    assert refused.status_code == 400 and "Ligne 3" in refused.text
    assert await count(desk) == 0


async def test_unreadable_or_missing_files_are_explained(desk: Desk) -> None:
    signed = await desk.sign_in(8404, "coordinator")
    latin1 = await upload(signed, "r.csv", "kind,title_fr\ninfo_meeting,Réunion\n".encode("latin-1"))
    assert latin1.startswith("400") and "n&#39;est pas en UTF-8" in latin1
    empty = await upload(signed, "r.csv", b"kind,title_fr,start,end,place,address,capacity\n")
    assert "Ce fichier ne contient aucune rencontre." in empty
    broken = await upload(signed, "r.yaml", b"- kind: [x\n")
    assert "Ligne 2 : Ce n&#39;est pas un fichier YAML valide" in broken
    none = await signed.post("/sessions/import")
    assert none.status_code == 400 and "Choisissez un fichier CSV ou YAML." in none.text


async def test_the_sample_csv_is_a_file_the_import_accepts(desk: Desk) -> None:
    signed = await desk.sign_in(8405, "facilitator")
    form = await signed.get("/sessions/import")
    assert 'enctype="multipart/form-data"' in form.text and 'type="file"' in form.text
    assert 'href="/sessions/import/sample.csv"' in form.text
    sample = await signed.get("/sessions/import/sample.csv")
    assert sample.status_code == 200 and sample.headers["content-type"].startswith("text/csv")
    assert 'filename="rencontres-modele.csv"' in sample.headers["content-disposition"]
    (spec,) = parse_csv(sample.content.decode("utf-8-sig"), "sample.csv")
    assert spec.title["fr"].startswith("Réunion d'information") and spec.languages == ["fr", "en", "ar"]
    mediator = await desk.sign_in(8406, "mediator")
    assert (await mediator.get("/sessions/import/sample.csv")).status_code == 403


async def test_problems_read_in_english_typography(desk: Desk) -> None:
    """In English a problem's line and field are followed by "Line 3 · capacity: …", not the French " : "."""
    signed = await desk.sign_in(8321, "coordinator")
    await signed.post("/language", {"language": "en", "back": "/"})
    header = "kind,title_fr,start,end,place,address,capacity\n"
    wrong = header + "info_meeting,Réunion,2027-01-12 14:00,16:00,CPAM,1 rue X 86000,beaucoup\n"
    page = html.unescape(await upload(signed, "sessions.csv", wrong.encode()))
    assert "<li>Line 2 · capacity: The number of seats must be a whole number from 1 to 1000.</li>" in page, page
    assert " : " not in page.split("<main", 1)[1]


ROW = 'info_meeting,Réunion C2S,2027-01-{day:02d} 14:00,16:00,CPAM Poitiers,"41 rue Touffenet, 86000 Poitiers",12\n'
HEADER = "kind,title_fr,start,end,place,address,capacity\n"


async def test_a_file_of_wrong_rows_lists_100_problems_then_says_there_are_more(desk: Desk) -> None:
    """Before, 1.9 MB of wrong rows took minutes to read, answered a 56 MB page and held every other page meanwhile."""
    signed = await desk.sign_in(8402, "facilitator")
    page = await upload(signed, "faux.csv", (HEADER + "info_meeting,x\n" * 20_000).encode())
    assert page.startswith("400")
    assert page.count("Ligne ") == 100
    assert "Ce fichier a d'autres problèmes, non lus : corrigez ceux de cette liste, puis envoyez-le à nouveau." in (
        html.unescape(page)
    )
    assert len(page) < 100_000
    assert await count(desk) == 0


async def test_a_file_of_more_than_500_sessions_is_to_be_split(desk: Desk) -> None:
    signed = await desk.sign_in(8403, "facilitator")
    rows = "".join(ROW.format(day=1 + i % 28).replace("Réunion C2S", f"Réunion {i}") for i in range(501))
    page = await upload(signed, "grand.csv", (HEADER + rows).encode())
    assert page.startswith("400")
    assert (
        "Ligne 502 : Ce fichier contient plus de 500 rencontres : découpez-le en plusieurs fichiers"
        in html.unescape(page)
    )
    assert await count(desk) == 0


async def test_the_same_session_twice_in_a_file_is_a_problem(desk: Desk) -> None:
    signed = await desk.sign_in(8404, "facilitator")
    page = await upload(
        signed, "double.csv", (HEADER + ROW.format(day=5) + ROW.format(day=6) + ROW.format(day=5)).encode()
    )
    assert page.startswith("400")
    assert "Ligne 4 : Cette rencontre est la même qu'à la ligne 2 : retirez l'une des deux." in html.unescape(page)
    assert await count(desk) == 0


async def test_a_file_over_600_kb_is_to_be_split_and_what_is_checked_can_be_published(desk: Desk) -> None:
    """A file the check accepts fits in the preview's form once encoded: publishing it is never refused as too large.
    1 000 accented letters a row (2 000 bytes, 6 000 once encoded in the form) are within the limits."""
    signed = await desk.sign_in(8405, "facilitator")
    page = await upload(signed, "gros.csv", (HEADER + "#" * 600_001).encode())
    assert page.startswith("413")
    assert "Ce fichier dépasse 600 Ko : découpez-le en plusieurs fichiers" in html.unescape(page)
    header = "kind,title_fr,description_fr,start,end,place,address,capacity\n"
    row = 'info_meeting,Réunion {i},"{text}",2027-01-{day:02d} 14:00,16:00,CPAM,"41 rue Touffenet, 86000 Poitiers",12\n'
    rows = "".join(row.format(i=i, text="é" * 1000, day=1 + i % 28) for i in range(280))
    content = (header + rows).encode()
    assert 550_000 < len(content) <= 600_000
    preview = await upload(signed, "accents.csv", content)
    assert preview.startswith("200"), preview[:300]
    published = await signed.post(
        "/sessions/import/publish", {"name": "accents.csv", "content": html.unescape(CONTENT.findall(preview)[0])}
    )
    assert published.status_code == 303, re.sub(r"<[^>]+>", " ", published.text)[-1500:]
    assert await count(desk) == 280


async def test_a_form_streamed_without_its_length_stops_being_read_at_the_limit(desk: Desk) -> None:
    """A body sent in chunks announces no length: it was read whole (300 MB took 21 GB of memory). The console stops
    reading at 2 MB and answers its 413 page."""
    signed = await desk.sign_in(8406, "facilitator")
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        for _ in range(300):  # 30 MB if it were all read
            sent += 1
            yield b"x" * 100_000

    page = await signed.client.post(
        "/sessions/import", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert page.status_code == 413
    assert "Ce formulaire est trop volumineux." in page.text
    assert sent < 30


async def test_a_file_name_with_a_direction_override_does_not_reverse_the_page(desk: Desk) -> None:
    signed = await desk.sign_in(8407, "facilitator")
    page = await upload(signed, "bidi_name\u202egpj.csv", (HEADER + ROW.format(day=7)).encode())
    assert page.startswith("200")
    assert "\u202e" not in page
    assert "bidi_namegpj.csv" in page
