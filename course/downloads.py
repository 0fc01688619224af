"""Files people download: a safe name, one Content-Type, and a Content-Disposition as RFC 6266 wants it."""
from __future__ import annotations

import base64
import hashlib
import io
import re
import unicodedata

from flask import Response, send_file

# Characters that some file system or browser refuses in a name or treats as a path, plus controls.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_filename(name: str, fallback: str = "download") -> str:
    """``name`` fit for a file on any system: no path separators, reserved characters or leading dots."""
    cleaned = _UNSAFE.sub(" ", unicodedata.normalize("NFC", name))
    cleaned = " ".join(cleaned.split()).strip(" .")
    return cleaned[:150] or fallback


def download(data: bytes | str, mimetype: str, name: str, *, inline: bool = False) -> Response:
    """``data`` as a file called ``name`` (made safe): werkzeug writes an ASCII ``filename`` and, for any
    other character, a ``filename*=UTF-8''…`` form, and adds ``charset=utf-8`` to text types itself."""
    body = data.encode("utf-8") if isinstance(data, str) else data
    return send_file(io.BytesIO(body), mimetype=mimetype, as_attachment=not inline,
                     download_name=safe_filename(name))


def style_hash(css: str) -> str:
    """The CSP source that allows exactly this inline stylesheet and no other."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii") + "'"
