"""Exports of one guidelines version: Markdown, standalone HTML and PDF."""
import io
import re
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from pypdf import PdfReader

from course.guidelines.document import DocumentSection, GuidelinesDocument
from course.guidelines.export import as_html, as_markdown, as_pdf, export_filename
from course.guidelines.rules import Rules
from course.text.user_markdown import TAGS
from tests.test_user_markdown import PAYLOADS

TITLES = [
    "Warum wir diese Leitlinien haben",
    "Offenlegung: „Ich arbeite für Demo“",
    "Vertrauliches & Kundennamen",
    "Über Kolleg:innen schreiben",
    "Fehler öffentlich korrigieren – schnell",
    "Krisen und „Shitstorms“",
    "Persönliche Meinung vs. Äußerungen für die Firma",
    "Bilder, Rechte und Datenschutz",
    "Wenn Journalist:innen anfragen",
    "Unsere offiziellen Kanäle",
    "Ansprechpersonen bei Fragen",
]
USER_LINK = "https://intranet.example.org/social"
BODY = f"""### Grundsätze

Wir schreiben „ehrlich“ und freundlich – über Äußerungsfreiheit, Straßenfeste und Preise ab 5 €… 🎉 → ok

- **Fett** und *kursiv*
- ein [Link zur Hilfe]({USER_LINK})
- noch ein Punkt

<script>alert(1)</script> <img src=x onerror=alert(1)>

1. Erstens
2. Zweitens

> Im Zweifel: nicht posten.

""" + "Ein längerer Absatz, damit die Abschnitte mehr als eine Seite füllen. " * 12


@pytest.fixture
def doc() -> GuidelinesDocument:
    rules = Rules(
        employer_names=("Demo GmbH", "Demo"),
        disclosure_phrases=("meine persönliche Meinung", "#icharbeitebeidemo"),
        forbidden_terms=("Projekt Falke", "Kunde Zebra"),
        hashtags=("#demo", "#teamdemo"),
        platforms=("linkedin", "mastodon"),
    )
    sections = [DocumentSection(f"custom-{n}" if n else "purpose", title, BODY) for n, title in enumerate(TITLES)]
    return GuidelinesDocument(organisation="Demo GmbH", number=3, is_published=True,
                              dated_at=datetime(2024, 3, 5, 10, 30, tzinfo=UTC), note="Erste <b>Fassung</b>",
                              language="de", sections=sections, rules=rules)


def label(language: str, message: str, **variables) -> str:
    """A label as the export shows it: in the document's language, whatever the catalogue holds."""
    with force_locale(language):
        return _(message, **variables)


def flat(text: str) -> str:
    return " ".join(text.split())  # PDF text extraction breaks lines wherever the layout did


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags, self.attrs, self.h2, self.title, self._in = [], [], [], "", None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]
        self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "h2":
            self.h2.append(data)
        elif self._in == "title":
            self.title += data


def test_markdown_has_every_section_the_version_and_the_rules(app, doc):
    with app.test_request_context():
        text = as_markdown(doc)
        version = label("de", "Version %(number)s", number=3)
    assert text.startswith(f"# {label('de', 'Social-media guidelines')}\n")
    assert text.endswith("\n") and not text.endswith("\n\n")
    for title in TITLES:
        assert f"\n## {title}\n" in text
    assert f"Demo GmbH · {version} · " in text and "5. März 2024" in text
    assert "Erste <b>Fassung</b>" in text  # Markdown is the source: nothing to escape
    assert f"\n## {label('de', 'Rules the composer checks')}\n" in text
    for rule in ("Demo GmbH, Demo", "„meine persönliche Meinung“", "Projekt Falke", "Kunde Zebra", "#demo #teamdemo",
                 "LinkedIn, Mastodon"):
        assert rule in text


def test_markdown_of_a_draft_without_rules(app, doc):
    draft = replace(doc, is_published=False, note="", language="en", rules=Rules())
    with app.test_request_context():
        text = as_markdown(draft)
    assert "Demo GmbH · Version 3 · Draft, saved on 5 March 2024\n" in text
    assert "Note:" not in text and "Rules the composer checks" not in text


def test_html_is_standalone_and_sanitised(app, doc):
    with app.test_request_context():
        html = as_html(doc)
        title = label("de", "Social-media guidelines")
    page = Page(html)
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert ("html", "lang", "de") in page.attrs and ("meta", "charset", "utf-8") in page.attrs
    assert page.title == f"{title} · Demo GmbH"
    ids = [value for tag, name, value in page.attrs if tag == "section" and name == "id"]
    assert ids == ["section-purpose"] + [f"section-custom-{n}" for n in range(1, 11)] + ["rules"]
    assert page.h2[:11] == TITLES
    # Nothing runs, nothing is loaded: no scripts, handlers, images, stylesheets; the only link is the user's.
    assert "<script" not in html.lower() and "onerror" not in html.lower() and "alert(1)" not in html
    assert not {"script", "img", "link", "iframe", "object"} & set(page.tags)
    assert not [name for _tag, name, _value in page.attrs if name.startswith("on") or name == "src"]
    assert {value for _tag, name, value in page.attrs if name == "href"} == {USER_LINK}
    assert "<strong>Fett</strong>" in html and "<li>" in html
    assert "Erste &lt;b&gt;Fassung&lt;/b&gt;" in html  # the note is text, not markup
    assert "5. März 2024" in html and "Projekt Falke" in html and "LinkedIn, Mastodon" in html


def test_pdf_has_every_section_page_numbers_and_metadata(app, doc):
    with app.test_request_context():
        data = as_pdf(doc)
        again = as_pdf(doc)
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    text = flat(" ".join(pages))
    assert data.startswith(b"%PDF-") and data == again  # the creation date comes from the version
    assert len(pages) > 1
    for title in TITLES:
        assert flat(title) in text
    assert "Demo GmbH" in text and label("de", "Version %(number)s", number=3) in text
    assert "Äußerungsfreiheit" in text and "Straßenfeste" in text and "5 €…" in text and "„ehrlich“" in text
    assert "Projekt Falke" in text and "„meine persönliche Meinung“" in text
    assert "→" not in text and "🎉" not in text and "-> ok" in text  # reduced to what Helvetica can encode
    assert "alert(1)" not in text
    for number in range(1, len(pages) + 1):
        assert flat(label("de", "Page %(page)s of %(pages)s", page=number, pages=len(pages))) in flat(pages[number - 1])
    assert reader.metadata.title == f"{label('de', 'Social-media guidelines')} · Demo GmbH"
    assert reader.metadata.author == "Demo GmbH"
    assert reader.metadata.creation_date == doc.dated_at


def test_pdf_copes_with_text_outside_windows_1252(app, doc):
    odd = DocumentSection("custom-99", "Emoji 😀👍🏽 und → Pfeile", "日本語 ǆ ﬁ ✓ 👨‍👩‍👧 – „gut“")
    with app.test_request_context():
        data = as_pdf(replace(doc, organisation="Ørsted 🚀", sections=[odd], rules=Rules()))
    text = flat(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    assert "Emoji und -> Pfeile" in text
    assert "??? dz fi – „gut“" in text  # letters that cannot be shown leave a "?"; symbols and emoji go
    assert "Ørsted" in text


@pytest.mark.parametrize(("organisation", "extension", "expected"), [
    ("Demo GmbH", "pdf", "guidelines-demo-gmbh-v3.pdf"),
    ("Müller & Söhne Straßenbau", "md", "guidelines-mueller-soehne-strassenbau-v3.md"),  # the German spelling
    ("  Café Élan!  ", ".html", "guidelines-cafe-elan-v3.html"),
    ("東京", "pdf", "guidelines-organisation-v3.pdf"),
])
def test_export_filename(doc, organisation, extension, expected):
    assert export_filename(replace(doc, organisation=organisation), extension) == expected


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_export_copes_with_every_sanitiser_payload(app, doc, payload):
    odd = replace(doc, sections=[DocumentSection("custom-1", "Payload", f"Before {payload} after")])
    with app.test_request_context():
        markdown_text, html, pdf = as_markdown(odd), as_html(odd), as_pdf(odd)
    assert payload in markdown_text  # the source, as written
    page = Page(html)
    assert "<script" not in html.lower() and not [name for _t, name, _v in page.attrs if name.startswith("on")]
    for anchor in re.findall(r"<a\b[^>]*>", html):  # every link keeps a safe target, or is no link at all
        assert re.search(r'\shref="(https?:|mailto:)', anchor), anchor
    assert set(page.tags) - {"html", "head", "meta", "title", "style", "body", "header", "main", "h1", "h2",
                             "section", "p", "footer", "ul", "li"} <= TAGS
    text = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "Before" in text  # what follows an unclosed <script> is dropped by the sanitiser
