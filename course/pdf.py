"""Printable A4 PDFs in the core Helvetica font, shared by every export that prints.

No font files ship with the app, so text is reduced to what the core font can
encode (windows-1252): accents that decompose keep their letter, a few arrows
and dashes get an ASCII stand-in, and a letter that cannot be shown leaves a "?"
so no word silently vanishes. Markdown reaches ``write_html`` already rendered:
sanitised when it is user text, our own files otherwise.
"""
from __future__ import annotations

import unicodedata
from contextlib import suppress
from datetime import UTC, datetime

from flask_babel import gettext as _
from fpdf import FPDF

PDF_ENCODING = "windows-1252"
# Characters NFKD cannot bring into windows-1252 but that have a readable ASCII stand-in.
_PDF_FALLBACKS = {"\u2192": "->", "\u2190": "<-", "\u2194": "<->", "\u21d2": "=>", "\u2212": "-",
                  "\u2010": "-", "\u2011": "-", "\u2044": "/"}


def _pdf_char(char: str) -> str:
    with suppress(UnicodeEncodeError):
        char.encode(PDF_ENCODING)
        return char
    if char in _PDF_FALLBACKS:
        return _PDF_FALLBACKS[char]
    decomposed = unicodedata.normalize("NFKD", char)  # "ł" stays, "ǆ" → "dž" → "dz", combining marks go
    if decomposed != char:
        return "".join(_pdf_char(part) for part in decomposed)
    # Emoji, joiners and other symbols are simply dropped.
    return "?" if unicodedata.category(char)[0] in "LN" else ""


def pdf_text(text: str) -> str:
    """``text`` reduced to what the core font can encode; fpdf2 raises on anything else."""
    return "".join(_pdf_char(char) for char in text)


class PagedPDF(FPDF):
    """An A4 page with "Page n of m" in the footer, in the current locale."""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("helvetica", size=8)
        self.set_text_color(110)
        # "{nb}" is fpdf2's alias for the page count, filled in once the last page is known.
        label = _("Page %(page)s of %(pages)s", page=self.page_no(), pages="{nb}")
        self.cell(0, 10, pdf_text(label), align="C")


def new_pdf(title: str, author: str, language: str, created_at: datetime) -> PagedPDF:
    """A started A4 document with margins, metadata and its first page.

    ``created_at`` is the content's own date, so the same content always gives the same bytes;
    a naive datetime is taken as UTC rather than fpdf2's guess of the server's local time.
    """
    pdf = PagedPDF(format="A4")
    pdf.core_fonts_encoding = PDF_ENCODING
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_title(title)  # metadata is stored as Unicode: no need to reduce it
    pdf.set_author(author)
    pdf.set_lang(language)
    pdf.set_creation_date(created_at if created_at.tzinfo else created_at.replace(tzinfo=UTC))
    pdf.add_page()
    return pdf


def title(pdf: FPDF, text: str, subtitle: str = "") -> None:
    """The document's title in large type, with an optional grey line under it."""
    pdf.set_font("helvetica", "B", 20)
    pdf.set_text_color(0)
    pdf.multi_cell(0, 10, pdf_text(text), new_x="LMARGIN", new_y="NEXT")
    if subtitle:
        pdf.set_font("helvetica", size=10)
        pdf.set_text_color(90)
        pdf.multi_cell(0, 6, pdf_text(subtitle), new_x="LMARGIN", new_y="NEXT")


def heading(pdf: FPDF, text: str) -> None:
    """A section heading, bookmarked in the PDF's outline; never alone at the foot of a page."""
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.ln(4)
    pdf.start_section(pdf_text(text))
    pdf.set_font("helvetica", "B", 14)
    pdf.set_text_color(0)
    pdf.multi_cell(0, 7, pdf_text(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def write_html(pdf: FPDF, html: str) -> None:
    """Rendered, safe HTML (paragraphs, lists, emphasis) as body text."""
    pdf.set_text_color(0)
    pdf.write_html(pdf_text(html), ul_bullet_char="\u2022", font_family="helvetica", li_prefix_color=(60, 60, 60))
