"""Reading a list of people (name, e-mail, track) from a CSV file into checked rows; no database.

Excel saves CSV as UTF-8 with a byte-order mark ("CSV UTF-8"), as Windows-1252
("CSV", on Windows in Western Europe) or as tab-separated UTF-16 ("Unicode
text"). All three are read: UTF-8 first, Windows-1252 when the bytes are not
UTF-8 (the preview shows the names, so a wrong guess is seen before anything is
imported). Binary files (images, workbooks, PDFs) are refused."""
from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import format_number
from flask_babel import gettext as _

from course.accounts.models import TRACK_LABELS, Track
from course.accounts.services import normalise_email

MAX_BYTES = 1_000_000


MAX_ROWS = 2_000


NAME_LENGTH = 200


EMAIL_LENGTH = 320


DELIMITERS = (";", ",", "\t")


EXAMPLE = [("name", "email", "track"), ("Jürgen Groß", "juergen.gross@example.org", "leadership"),
           ("Zoë Schmidt", "zoe.schmidt@example.org", "staff")]


# Header names and track words are compared in lower case without spaces or punctuation.
HEADERS = {
    "name": ("Name", "Full name", "Voller Name", "Vollständiger Name", "Teilnehmer", "Teilnehmerin", "Teilnehmende"),
    "first_name": ("First name", "Given name", "Vorname"),
    "last_name": ("Last name", "Surname", "Family name", "Nachname", "Familienname"),
    "email": ("Email", "E-Mail", "E-mail address", "Email address", "E-Mail-Adresse", "Mail", "Mailadresse"),
    "track": ("Track", "Gruppe", "Zielgruppe", "Lernpfad"),
}


TRACK_WORDS = {
    Track.LEADERSHIP: ("leadership", "leader", "leaders", "lead", "management", "manager", "executive", "executives",
                       "Führung", "Führungskraft", "Führungskräfte", "Fuehrung", "Fuehrungskraft", "Leitung",
                       "Geschäftsführung"),
    Track.STAFF: ("staff", "employee", "employees", "team", "Mitarbeitende", "Mitarbeitender", "Mitarbeiter",
                  "Mitarbeiterin", "Mitarbeiter*innen", "Mitarbeiter:innen", "Belegschaft", "Angestellte",
                  "Beschäftigte"),
}


_BINARY = {b"\x89PNG": "image", b"\xff\xd8\xff": "image", b"GIF8": "image", b"%PDF": "pdf",
           b"PK\x03\x04": "workbook", b"\xd0\xcf\x11\xe0": "workbook"}


def _key(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFC", text).casefold() if c.isalnum())


_HEADER_KEYS = {_key(alias): column for column, aliases in HEADERS.items() for alias in aliases}


_TRACK_KEYS = {_key(word): track for track, words in TRACK_WORDS.items() for word in words}


class RosterError(ValueError):
    """A file that cannot be read as a list of people; the message is safe to show."""


@dataclass(frozen=True)
class Problem:
    field: str  # the invite form's field it belongs to: name, email or track
    message: str


@dataclass
class RosterRow:
    """One person as given in the file (or the invite form), tidied, with what is wrong on its own."""

    line: int
    name: str
    email: str
    track_text: str
    track: Track | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def address(self) -> str:
        """The e-mail address as accounts store it."""
        return normalise_email(self.email)

    @property
    def track_label(self) -> str:
        return str(TRACK_LABELS[self.track]) if self.track else self.track_text


def tidy_name(name: str) -> str:
    """NFC, so "ü" typed as u + diaeresis equals "ü"; inner runs of spaces become one."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def parse_track(text: str) -> Track | None:
    """The track meant by ``text`` in English or German, any case; None if unknown."""
    return _TRACK_KEYS.get(_key(text))


def email_problem(address: str) -> str | None:
    """Why ``address`` cannot receive an invitation, or None."""
    if not address:
        return _("The e-mail address is missing.")
    if len(address) > EMAIL_LENGTH:
        return _("The e-mail address is longer than %(max)d characters.", max=EMAIL_LENGTH)
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return _("“%(email)s” is not a valid e-mail address.", email=address)
    return None


def make_row(line: int, name: str, email: str, track_text: str) -> RosterRow:
    """A row with its own problems: missing or too long name, invalid address, missing or unknown track."""
    name, email, track_text = tidy_name(name), email.strip(), track_text.strip()
    track = parse_track(track_text)
    problems = []
    if not name:
        problems.append(Problem("name", _("The name is missing.")))
    elif len(name) > NAME_LENGTH:
        problems.append(Problem("name", _("The name is longer than %(max)d characters.", max=NAME_LENGTH)))
    if (message := email_problem(email)) is not None:
        problems.append(Problem("email", message))
    if not track_text:
        problems.append(Problem("track", _("The track is missing: write leadership or staff.")))
    elif track is None:
        problems.append(Problem("track", _("Unknown track “%(track)s”: write leadership or staff.", track=track_text)))
    return RosterRow(line, name, email, track_text, track, problems)


def read_roster(data: bytes) -> list[RosterRow]:
    """Every person in a CSV file with a header row, in file order; RosterError if the file cannot be used."""
    if len(data) > MAX_BYTES:
        raise RosterError(_("The file is larger than 1 MB. Split it into files of at most %(rows)s people.",
                            rows=format_number(MAX_ROWS)))
    text = decode(data)
    if not _has_content(text):
        raise RosterError(_("The file is empty. It needs a header row (name, email, track) and one line per person."))
    delimiter, columns = _header(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        next(cells for cells in reader if _has_content("".join(cells)))
        for cells in reader:
            if _has_content("".join(cells)):
                if len(rows) == MAX_ROWS:
                    raise RosterError(_("The file has more than %(rows)s people. Split it into smaller files.",
                                        rows=format_number(MAX_ROWS)))
                rows.append(_row(reader.line_num, cells, columns))
    except csv.Error as error:
        raise RosterError(_("Line %(line)d could not be read as CSV.", line=reader.line_num)) from error
    if not rows:
        raise RosterError(_("The file has a header row but nobody in it."))
    return rows


def decode(data: bytes) -> str:
    """The file's text, NFC-normalised; RosterError for anything that is not text."""
    kind = next((kind for signature, kind in _BINARY.items() if data.startswith(signature)), None)
    if kind == "workbook":
        raise RosterError(_("This is an Excel workbook, not a CSV file. In Excel, choose File › Save as › "
                            "“CSV UTF-8”, then upload that file."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    elif kind is None and b"\x00" not in data:
        encodings = ("utf-8-sig", "cp1252")
    else:
        encodings = ()
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not any(unicodedata.category(c) == "Cc" and c not in "\t\r\n\f\v" for c in text):
            return unicodedata.normalize("NFC", text)
    raise RosterError(_("This file is not a CSV file. Save your list as “CSV UTF-8” and upload that file."))


def _has_content(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _header(text: str) -> tuple[str, dict[str, int]]:
    """The delimiter under which the first line names the most known columns, and where each column is."""
    line = next(line for line in text.splitlines() if _has_content(line))
    best = max(DELIMITERS, key=lambda d: (len(_columns(line, d)), line.count(d)))
    columns = _columns(line, best)
    if not columns:
        raise RosterError(_("The first line should name the columns: name, email, track. "
                            "It says: “%(line)s”.", line=line[:200]))
    if "name" not in columns and {"first_name", "last_name"} <= columns.keys():
        columns["name"] = -1
    missing = [column for column in ("name", "email", "track") if column not in columns]
    if missing:
        raise RosterError(_("The column “%(column)s” is missing. The first line should name the columns: "
                            "name, email, track.", column=missing[0]))
    return best, columns


def _columns(line: str, delimiter: str) -> dict[str, int]:
    cells = next(csv.reader([line], delimiter=delimiter), [])
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        column = _HEADER_KEYS.get(_key(cell))
        if column is not None:
            columns.setdefault(column, index)
    return columns


def _row(line: int, cells: list[str], columns: dict[str, int]) -> RosterRow:
    def cell(column: str) -> str:
        index = columns.get(column)
        return cells[index] if index is not None and 0 <= index < len(cells) else ""

    name = cell("name") if columns["name"] >= 0 else f"{cell('first_name')} {cell('last_name')}"
    return make_row(line, name, cell("email"), cell("track"))


def example_csv(delimiter: str = ",") -> str:
    """A small example file, as the People page shows it and offers it for download."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(EXAMPLE)
    return buffer.getvalue()
