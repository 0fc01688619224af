"""Lessons take the source posts' ideas, never their sentences.

The sources live in ``../shared/seeds`` beside the repository. No lesson may
share a run of eight words with any of them (case and punctuation ignored).
"""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 8


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip(f"the source posts are not at {SEEDS}")
    runs = set()
    for path in files:
        runs |= _runs(path.read_text(encoding="utf-8"))
    return runs


LESSON_FILES = sorted((ROOT / "lessons").glob("*/*.md"))


def test_there_are_lessons_to_compare():
    assert len(LESSON_FILES) >= 48


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lesson_shares_no_sentence_with_the_sources(path, seed_runs):
    shared = _runs(path.read_text(encoding="utf-8")) & seed_runs
    assert not shared, "copied from a source: " + "; ".join(" ".join(run) for run in sorted(shared)[:3])


def test_the_comparison_finds_a_copied_sentence(seed_runs):
    sample = next(iter(seed_runs))
    assert _runs("Intro words here. " + " ".join(sample) + " and more.") & seed_runs
