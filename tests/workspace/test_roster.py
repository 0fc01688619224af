"""Reading a list of people from CSV: encodings, delimiters, header names, tracks and each row's own problems."""
import unicodedata
from pathlib import Path

import pytest

from course.accounts.models import Track
from course.workspace.people.roster import MAX_BYTES, MAX_ROWS, RosterError, example_csv, make_row, read_roster

FILES = Path(__file__).parent / "files"


@pytest.fixture(autouse=True)
def _app_context(app):
    """Messages are translated, so reading needs the app."""


def read(text: str, encoding: str = "utf-8"):
    return read_roster(text.encode(encoding))


def problems(row) -> dict[str, str]:
    return {problem.field: problem.message for problem in row.problems}


def test_reads_a_file_as_excel_writes_it_utf8_with_bom_semicolons_and_crlf():
    data = (FILES / "excel_semicolon.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b";" in data and b"\r\n" in data
    rows = read_roster(data)
    assert [(r.line, r.name, r.email, r.track) for r in rows] == [
        (2, "Jürgen Groß", "juergen.gross@acme.example", Track.LEADERSHIP),
        (3, "Zoë Weiß", "zoe.weiss@acme.example", Track.STAFF),
        (4, "Çelik, Ayşe", "ayse.celik@acme.example", Track.LEADERSHIP),
    ]
    assert all(not row.problems for row in rows)


def test_reads_windows_1252_when_the_file_is_not_utf8():
    rows = read_roster((FILES / "windows_1252.csv").read_bytes())
    assert [row.name for row in rows] == ["Jürgen Groß", "Zoë Weiß"]
    assert [row.track for row in rows] == [Track.LEADERSHIP, Track.STAFF]


def test_reads_excel_unicode_text_utf16_with_tabs():
    rows = read("Name\tE-Mail\tTrack\r\nZoë Weiß\tzoe@acme.example\tstaff\r\n", "utf-16")
    assert [(row.name, row.email) for row in rows] == [("Zoë Weiß", "zoe@acme.example")]


def test_the_delimiter_is_the_one_that_names_the_columns():
    rows = read('name;email;track\n"Groß, Jürgen";j@acme.example;staff\nMeier, Anna;a@acme.example;staff\n')
    assert [row.name for row in rows] == ["Groß, Jürgen", "Meier, Anna"]
    rows = read("name,email,track\nAnna Meier,a@acme.example,staff\n")
    assert rows[0].name == "Anna Meier" and not rows[0].problems


@pytest.mark.parametrize("header", [
    "Name,Email,Track", "NAME,E-Mail,Gruppe", "Full name,E-mail address,track", "name,e_mail,Zielgruppe",
    "Vollständiger Name,E-Mail-Adresse,Gruppe", "Track,Name,Email",
])
def test_header_names_in_english_and_german_any_order(header):
    columns = [cell.strip().casefold() for cell in header.split(",")]
    values = {"track": "staff", "gruppe": "staff", "zielgruppe": "staff"}
    cells = [values.get(c, "a@acme.example" if "mail" in c else "Anna Meier") for c in columns]
    (row,) = read(f"{header}\n{','.join(cells)}\n")
    assert (row.name, row.email, row.track, row.problems) == ("Anna Meier", "a@acme.example", Track.STAFF, [])


def test_first_and_last_name_columns_make_the_name():
    (row,) = read("Vorname;Nachname;E-Mail;Gruppe\nJürgen;Groß;j@acme.example;Führung\n")
    assert row.name == "Jürgen Groß"


@pytest.mark.parametrize(("text", "track"), [
    ("leadership", Track.LEADERSHIP), ("Leadership", Track.LEADERSHIP), ("FÜHRUNG", Track.LEADERSHIP),
    ("Führungskraft", Track.LEADERSHIP), ("Führungskräfte", Track.LEADERSHIP), ("leitung", Track.LEADERSHIP),
    ("staff", Track.STAFF), ("STAFF", Track.STAFF), ("Mitarbeitende", Track.STAFF),
    ("mitarbeiter*innen", Track.STAFF), (" Mitarbeiter ", Track.STAFF),
])
def test_tracks_in_english_and_german_any_case(text, track):
    assert make_row(2, "Anna", "a@acme.example", text).track == track


def test_names_are_nfc_and_tidied():
    row = make_row(2, "  Zoe\u0308   Weiß ", "zoe@acme.example", "staff")
    assert row.name == "Zoë Weiß" and unicodedata.is_normalized("NFC", row.name)


@pytest.mark.parametrize(("name", "email", "track", "field"), [
    ("", "a@acme.example", "staff", "name"),
    ("x" * 201, "a@acme.example", "staff", "name"),
    ("Anna", "", "staff", "email"),
    ("Anna", "not-an-address", "staff", "email"),
    ("Anna", "anna@localhost", "staff", "email"),
    ("Anna", "an na@acme.example", "staff", "email"),
    ("Anna", "anna@@acme.example", "staff", "email"),
    ("Anna", "a" * 310 + "@acme.example", "staff", "email"),
    ("Anna", "a@acme.example", "", "track"),
    ("Anna", "a@acme.example", "intern", "track"),
])
def test_a_row_reports_its_own_problems(name, email, track, field):
    assert list(problems(make_row(5, name, email, track))) == [field]


def test_each_problem_of_a_row_is_reported():
    row = make_row(5, "", "nope", "intern")
    assert problems(row) == {
        "name": "The name is missing.",
        "email": "“nope” is not a valid e-mail address.",
        "track": "Unknown track “intern”: write leadership or staff.",
    }


def test_line_numbers_are_those_of_the_file_and_blank_lines_are_skipped():
    rows = read("\nname,email,track\n\nAnna,a@acme.example,staff\n,,\nBen,b@acme.example,staff\n")
    assert [(row.line, row.name) for row in rows] == [(4, "Anna"), (6, "Ben")]


def test_the_example_file_reads_back_without_problems():
    for delimiter in (",", ";"):
        rows = read(example_csv(delimiter))
        assert [row.name for row in rows] == ["Jürgen Groß", "Zoë Schmidt"]
        assert all(not row.problems for row in rows)


@pytest.mark.parametrize(("data", "message"), [
    ((FILES / "empty.csv").read_bytes(), "The file is empty."),
    (b"\xef\xbb\xbf\r\n \r\n", "The file is empty."),
    ((FILES / "not_csv.png").read_bytes(), "This file is not a CSV file."),
    ((FILES / "people.xlsx").read_bytes(), "This is an Excel workbook, not a CSV file."),
    (b"name,email,track\nA\x00B,a@b.example,staff\n", "This file is not a CSV file."),
    (b"name,email,track\nJ\x81rgen,a@b.example,staff\n", "This file is not a CSV file."),
    (b"Anna,a@acme.example,staff\n", "The first line should name the columns: name, email, track."),
    (b"name;email\nAnna;a@acme.example\n", "The column “track” is missing."),
    (b"Vorname;E-Mail;Gruppe\nAnna;a@acme.example;staff\n", "The column “name” is missing."),
    (b"name;email;track\r\n", "The file has a header row but nobody in it."),
    (b"name,email,track\n" + b"x" * MAX_BYTES, "The file is larger than 1 MB."),
])
def test_files_that_cannot_be_used_are_refused_with_a_clear_message(data, message):
    with pytest.raises(RosterError) as raised:
        read_roster(data)
    assert str(raised.value).startswith(message)


def test_at_most_max_rows_people():
    lines = [f"Person {n},p{n}@acme.example,staff" for n in range(MAX_ROWS + 1)]
    assert len(read("name,email,track\n" + "\n".join(lines[:MAX_ROWS]))) == MAX_ROWS
    with pytest.raises(RosterError, match="more than 2,000 people"):
        read("name,email,track\n" + "\n".join(lines))
