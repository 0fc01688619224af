"""Course text takes the source posts' ideas, never their sentences.

The sources live in ``../shared/seeds`` beside the repository. No text of ours may
share a run of eight words with any of them (case and punctuation ignored).
"""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 8


def word_runs(text: str) -> set[tuple[str, ...]]:
    """Every run of ``RUN`` consecutive words in ``text``, lower-cased."""
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.fixture(scope="session")
def seed_runs() -> set[tuple[str, ...]]:
    """The runs of all source posts; skips when the sources are not beside the repository."""
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip(f"the source posts are not at {SEEDS}")
    runs = set()
    for path in files:
        runs |= word_runs(path.read_text(encoding="utf-8"))
    return runs
