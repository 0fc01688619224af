"""Word-by-word comparison of two versions."""
from course.text.diff import Segment, differs_only_in_spacing, shown_diff, word_diff


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


def test_a_replaced_word_is_set_apart_from_its_replacement():
    assert shown_diff("Try the app.", "Try the week.") == [
        Segment("same", "Try the "), Segment("removed", "app."), Segment("added", "week.", apart=True)]
    # Where the texts already have a space between the two, none is added.
    assert [s.apart for s in shown_diff("a b", "b")] == [False, False]


def test_changes_of_spacing_alone_are_no_changes_to_show():
    older, newer = "One  two\nthree", "One two\n\nthree "
    assert shown_diff(older, newer) == [Segment("same", newer)]
    assert differs_only_in_spacing(older, newer)
    assert not differs_only_in_spacing(older, older) and not differs_only_in_spacing("One two", "One too")


def test_spacing_changed_next_to_a_word_shows_the_word_only():
    segments = shown_diff("Hello  world", "Hello there world")
    assert [s for s in segments if s.change != "same"] == [Segment("added", "there")]
    assert "".join(s.text for s in segments if s.change != "removed") == "Hello there world"
