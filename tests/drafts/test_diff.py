"""Word-by-word comparison of two versions."""
from course.drafts.diff import Segment, word_diff


def test_changed_words_are_removed_and_added():
    assert word_diff("I like the new tool.", "I love the new tool!") == [
        Segment("same", "I "), Segment("removed", "like"), Segment("added", "love"),
        Segment("same", " the new "), Segment("removed", "tool."), Segment("added", "tool!"),
    ]


def test_identical_texts_are_one_unchanged_segment():
    assert word_diff("Grüße aus Köln", "Grüße aus Köln") == [Segment("same", "Grüße aus Köln")]


def test_from_nothing_everything_is_added():
    assert word_diff("", "Neu hier.") == [Segment("added", "Neu hier.")]


def test_joined_segments_rebuild_both_texts():
    older, newer = "One two three\nfour five", "One 2 three\n\nfour five six"
    segments = word_diff(older, newer)
    assert "".join(s.text for s in segments if s.change != "added") == older
    assert "".join(s.text for s in segments if s.change != "removed") == newer
