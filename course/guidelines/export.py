"""One version of the guidelines exported as Markdown, as a standalone HTML page and as a PDF.

Every export is built from a ``GuidelinesDocument`` alone. Labels and dates are
in the document's language, not the reader's: a German text with English
headings would read oddly once it leaves the site. User Markdown reaches HTML
and PDF only through ``render_user_markdown``, i.e. sanitised.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from course.dates import format_day
from course.downloads import style_hash
from course.guidelines.content import quoted
from course.guidelines.document import GuidelinesDocument
from course.pdf import heading, new_pdf, pdf_text, write_html
from course.pdf import title as pdf_title
from course.text.platforms import PLATFORMS
from course.text.user_markdown import render_user_markdown

_SLUG_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def _date_line(doc: GuidelinesDocument) -> str:
    date = format_day(doc.dated_at, long=True)
    when = _("Published on %(date)s", date=date) if doc.is_published else _("Draft, saved on %(date)s", date=date)
    return " · ".join([doc.organisation, _("Version %(number)s", number=doc.number), when])


def _rule_lines(doc: GuidelinesDocument) -> list[str]:
    """The rules the composer checks, one sentence each; rules left empty are left out."""
    rules, lines = doc.rules, []
    if rules.employer_names:
        names = ", ".join(rules.employer_names)
        if rules.disclosure_phrases:
            phrases = ", ".join(quoted(phrase, doc.language) for phrase in rules.disclosure_phrases)
            lines.append(_("Naming %(names)s asks for a disclosure such as: %(phrases)s", names=names, phrases=phrases))
        else:
            lines.append(_("Naming %(names)s asks for a disclosure.", names=names))
    # Phrases without employer names are never asked for, so they are not listed on their own.
    if rules.forbidden_terms:
        lines.append(_("Never to post") + ": " + ", ".join(rules.forbidden_terms))
    if rules.hashtags:
        lines.append(_("Our hashtags") + ": " + " ".join(rules.hashtags))
    if rules.platforms:
        platforms = [PLATFORMS[key].name if key in PLATFORMS else key for key in rules.platforms]
        lines.append(_("Platforms with official accounts") + ": " + ", ".join(platforms))
    return lines


def as_markdown(doc: GuidelinesDocument) -> str:
    """The document as one Markdown file: title, version line, note, the sections, then the rules."""
    with force_locale(doc.language):
        lines = [f"# {_('Social-media guidelines')}", "", _date_line(doc)]
        if doc.note:
            lines += ["", _("Note: %(note)s", note=doc.note)]
        for section in doc.sections:
            # Bodies come from a textarea: normalise its CRLF so the file has one kind of line ending.
            lines += ["", f"## {section.title}", "", section.body.replace("\r\n", "\n").strip()]
        if rules := _rule_lines(doc):
            lines += ["", f"## {_('Rules the composer checks')}", ""] + [f"- {line}" for line in rules]
        return "\n".join(lines) + "\n"


@cache
def _export_css() -> str:
    return (Path(__file__).with_name("export.css")).read_text(encoding="utf-8")


def html_export_policy() -> str:
    """The HTML export's Content-Security-Policy: its own inline style and nothing else, wherever it is opened.

    The file is saved and opened on its own, so the site's policy (stylesheets from the site only) would
    leave it unstyled; this one allows exactly that stylesheet by its hash, and no script, image or frame.
    """
    return "; ".join(["default-src 'none'", f"style-src {style_hash(_export_css())}", "base-uri 'none'",
                      "form-action 'none'", "frame-ancestors 'none'"])


def as_html(doc: GuidelinesDocument) -> str:
    """The document as a standalone HTML5 page: no scripts, no external resources, styled for print."""
    with force_locale(doc.language):
        sections = [(section, render_user_markdown(section.body)) for section in doc.sections]
        return render_template("guidelines/export.html", doc=doc, date_line=_date_line(doc), sections=sections,
                               rules=_rule_lines(doc), css=Markup(_export_css()))  # noqa: S704 (our own file)


def as_pdf(doc: GuidelinesDocument) -> bytes:
    """The document as an A4 PDF with page numbers, bookmarks per section and title/author metadata."""
    with force_locale(doc.language):
        title = _("Social-media guidelines")
        # The version's own date, not now: the same version always gives the same bytes.
        pdf = new_pdf(f"{title} · {doc.organisation}", doc.organisation, doc.language, doc.dated_at)
        pdf_title(pdf, title, _date_line(doc))
        if doc.note:
            pdf.multi_cell(0, 6, pdf_text(_("Note: %(note)s", note=doc.note)), new_x="LMARGIN", new_y="NEXT")
        for section in doc.sections:
            heading(pdf, section.title)
            write_html(pdf, str(render_user_markdown(section.body)))
        if rules := _rule_lines(doc):
            heading(pdf, _("Rules the composer checks"))
            items = Markup("").join(Markup("<li>{}</li>").format(line) for line in rules)  # escapes the rules
            write_html(pdf, Markup("<ul>{}</ul>").format(items))
        return bytes(pdf.output())


def export_filename(doc: GuidelinesDocument, extension: str) -> str:
    """A download name such as ``guidelines-demo-gmbh-v3.pdf``.

    The organisation becomes an ASCII slug; German umlauts are spelt out the
    German way (``Müller`` → ``mueller``, ``ß`` → ``ss``), other accents lose
    their mark (``é`` → ``e``), and what is left of other scripts is dropped.
    """
    ascii_name = unicodedata.normalize("NFKD", doc.organisation.translate(_SLUG_LETTERS))
    ascii_name = ascii_name.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "organisation"
    return f"guidelines-{slug}-v{doc.number}.{extension.lstrip('.')}"
