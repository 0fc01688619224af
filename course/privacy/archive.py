"""The download: one ZIP holding data.json (machine-readable) and index.html (readable, self-contained)."""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from flask import render_template
from flask_babel import gettext as _

from course.accounts.models import User
from course.database import utcnow
from course.privacy import exports  # noqa: F401  (registers every exporter)
from course.privacy.exporters import EXPORTERS, Row

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    headers: list[str]
    rows: list[list[str]]


def collect(user: User) -> dict[str, list[Row]]:
    """Everything every exporter holds about ``user``, by section key."""
    return {entry.key: entry.rows(user) for entry in EXPORTERS}


def readable(value: Any) -> str:
    """A value as a person reads it on the page: nested values one per line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return "\n".join(f"{key}: {readable(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "\n\n".join(readable(item) for item in value)
    return str(value)


def sections(data: dict[str, list[Row]]) -> list[Section]:
    """The readable page's sections, in the registry's order, each a table of its rows."""
    result = []
    for entry in EXPORTERS:
        rows = data[entry.key]
        headers = list(dict.fromkeys(key for row in rows for key in row))
        result.append(Section(entry.key, str(entry.title), headers,
                              [[readable(row.get(header)) for header in headers] for row in rows]))
    return result


def build_archive(user: User) -> bytes:
    """The ZIP of everything Vernetzt holds about ``user``."""
    created_at = utcnow()
    data = collect(user)
    document = {"format": FORMAT_VERSION, "created_at": created_at.isoformat(), "data": data}
    page = render_template("privacy/export.html", user=user, created_at=created_at, sections=sections(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(document, ensure_ascii=False, indent=2))
        archive.writestr("index.html", page)
    return buffer.getvalue()
