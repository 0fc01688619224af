"""Lessons take the source posts' ideas, never their sentences.

No lesson may share a run of eight words with any of them (tests/originality.py).
"""
import pytest

from tests.originality import ROOT, word_runs

LESSON_FILES = sorted((ROOT / "lessons").glob("*/*.md"))


def test_there_are_lessons_to_compare():
    assert len(LESSON_FILES) >= 48


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lesson_shares_no_sentence_with_the_sources(path, seed_runs):
    shared = word_runs(path.read_text(encoding="utf-8")) & seed_runs
    assert not shared, "copied from a source: " + "; ".join(" ".join(run) for run in sorted(shared)[:3])


def test_the_comparison_finds_a_copied_sentence(seed_runs):
    sample = next(iter(seed_runs))
    assert word_runs("Intro words here. " + " ".join(sample) + " and more.") & seed_runs
