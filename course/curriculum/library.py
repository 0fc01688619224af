"""The lesson library: `lessons/` loaded lazily, cached per file by modification time.

In debug mode every access looks for changed files and reloads them; otherwise
the files are read once. Lesson HTML is rendered once per text and kept.
"""
from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app

from course.curriculum.assembly import CurriculumError, Problem, build_curriculum
from course.curriculum.content import Curriculum
from course.curriculum.parsing import ParsedFile, ParseError, load_yaml, parse_lesson

_Stamp = tuple[int, int]  # (mtime in ns, size)


class LessonStore:
    """The files of one lesson folder and the curriculum built from them."""

    def __init__(self, root: Path, auto_reload: bool = False):
        self.root = root
        self.auto_reload = auto_reload
        self._files: dict[Path, tuple[_Stamp, ParsedFile | Exception]] = {}
        self._stamps: dict[Path, _Stamp] | None = None
        self._curriculum: Curriculum | None = None
        self._lock = threading.Lock()
        self.parse_count = 0  # how many files were parsed, for the cache's tests

    def curriculum(self) -> Curriculum:
        """The current curriculum; raises CurriculumError when the files have problems."""
        if self._curriculum is not None and not self.auto_reload:
            return self._curriculum
        with self._lock:
            stamps = self._scan()
            if self._curriculum is None or stamps != self._stamps:
                self._curriculum = None
                self._stamps = stamps
                self._curriculum = self._build(stamps)
            return self._curriculum

    def _scan(self) -> dict[Path, _Stamp]:
        paths = [self.root / "stages.yaml", self.root / "rubric.yaml", *sorted(self.root.glob("*/*.md"))]
        stamps = {}
        for path in paths:
            try:
                status = path.stat()
            except FileNotFoundError:
                continue
            stamps[path] = (status.st_mtime_ns, status.st_size)
        return stamps

    def _read(self, path: Path, stamp: _Stamp, reader) -> ParsedFile | Exception:
        cached = self._files.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        self.parse_count += 1
        try:
            value = reader(path)
        except (ParseError, OSError, UnicodeDecodeError) as error:
            value = error if isinstance(error, ParseError) else ParseError(f"cannot read the file: {error}")
        self._files[path] = (stamp, value)
        return value

    def _build(self, stamps: dict[Path, _Stamp]) -> Curriculum:
        data = {}
        for name in ("stages.yaml", "rubric.yaml"):
            path = self.root / name
            data[name] = self._read(path, stamps[path], load_yaml) if path in stamps else ParseError("file missing")
        lessons = {path: self._read(path, stamp, lambda p: parse_lesson(p.read_text(encoding="utf-8")))
                   for path, stamp in stamps.items() if path.suffix == ".md"}
        meta_problems = [(name, value) for name, value in data.items() if isinstance(value, Exception)]
        if meta_problems:
            raise CurriculumError([Problem(f"lessons/{name}", str(error)) for name, error in meta_problems])
        self._files = {path: self._files[path] for path in stamps if path in self._files}
        return build_curriculum(self.root, data["stages.yaml"], data["rubric.yaml"], lessons)


class LessonLibrary:
    """Flask extension giving each app its LessonStore (``LESSONS_PATH``)."""

    def __init__(self, app: Flask | None = None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        root = Path(app.config["LESSONS_PATH"])
        app.extensions["lessons"] = LessonStore(root, auto_reload=app.debug)

    @property
    def store(self) -> LessonStore:
        return current_app.extensions["lessons"]

    @property
    def curriculum(self) -> Curriculum:
        return self.store.curriculum()


# The app's lesson library, unbound like the Flask extensions; ``create_app`` binds it.
lessons = LessonLibrary()
