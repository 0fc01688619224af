"""A small, valid lesson tree to break in tests."""
import shutil
import textwrap
from pathlib import Path

import pytest

from course.curriculum.library import LessonStore

LESSONS = Path(__file__).resolve().parents[2] / "lessons"
FILLER = " ".join(["Practice makes a network, one reply at a time."] * 60)


def _lesson(slug: str, front: str, body: str = "") -> str:
    return f"---\nslug: {slug}\n{textwrap.dedent(front).strip()}\n---\n{body}\n\n{FILLER}\n"


class LessonTree:
    """Writes lesson files under ``root``; ``write`` replaces one file."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def english(self, slug: str, front: str, body: str = "") -> Path:
        return self.write(f"en/{slug}.md", _lesson(slug, front, body))

    def german(self, slug: str, front: str, body: str = "") -> Path:
        return self.write(f"de/{slug}.md", _lesson(slug, front, body))


@pytest.fixture
def tree(tmp_path) -> LessonTree:
    """Two stages, three lessons (one per track), each in English and German."""
    root = tmp_path / "lessons"
    root.mkdir()
    shutil.copy(LESSONS / "rubric.yaml", root / "rubric.yaml")
    (root / "stages.yaml").write_text(textwrap.dedent("""
        - key: first
          title: {en: First steps, de: Erste Schritte}
          description: {en: Where it starts., de: Wo es beginnt.}
        - key: second
          title: {en: Going further, de: Weiter gehen}
          description: {en: What follows., de: Was folgt.}
    """))
    lessons = LessonTree(root)
    for slug, stage, order, track in [("alpha", "first", 1, "all"), ("beta", "second", 1, "staff"),
                                      ("gamma", "second", 2, "leadership")]:
        lessons.english(slug, f"""
            stage: {stage}
            order: {order}
            track: {track}
            minutes: 5
            title: Lesson {slug}
            summary: About {slug}.
            takeaway: Remember {slug}.
            exercise:
              kind: reflection
              prompt: Think about {slug}.
        """, "## A heading\n\nSee [the next one](lesson:alpha).")
        lessons.german(slug, f"""
            title: Lektion {slug}
            summary: Über {slug}.
            takeaway: Merken Sie sich {slug}.
            exercise:
              prompt: Denken Sie über {slug} nach.
        """)
    return lessons


@pytest.fixture
def check(app, tree):
    """Run `flask lessons check` against the tree; returns (exit code, output)."""

    def run():
        app.extensions["lessons"] = LessonStore(tree.root)
        result = app.test_cli_runner().invoke(args=["lessons", "check"])
        return result.exit_code, result.output

    return run
