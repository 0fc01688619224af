"""`flask lessons check`: every kind of problem is named with its file."""
import pytest

from course import create_app
from tests.conftest import base_config


def test_shipped_lessons_pass(runner):
    result = runner.invoke(args=["lessons", "check"])
    assert result.exit_code == 0, result.output
    assert "31 lessons in 8 stages" in result.output


def test_valid_tree_passes(check):
    code, output = check()
    assert code == 0, output
    assert "3 lessons in 2 stages" in output


def _fails_with(check, *expected: str) -> str:
    code, output = check()
    assert code == 1, output
    for text in expected:
        assert text in output
    return output


def test_invalid_yaml(check, tree):
    tree.write("en/alpha.md", "---\nslug: alpha\ntitle: [unclosed\n---\nText\n")
    _fails_with(check, "lessons/en/alpha.md: invalid YAML in the front matter")


def test_front_matter_not_closed(check, tree):
    tree.write("de/alpha.md", "---\nslug: alpha\ntitle: x\n")
    _fails_with(check, "lessons/de/alpha.md: front matter is not closed")


def test_missing_field(check, tree):
    tree.english("alpha", "stage: first\norder: 1\ntrack: all\nminutes: 5\ntitle: A\nsummary: S.")
    _fails_with(check, "lessons/en/alpha.md: takeaway is missing")


def test_unknown_field(check, tree):
    path = tree.root / "en" / "alpha.md"
    path.write_text(path.read_text().replace("minutes: 5", "minutes: 5\ncolour: blue"))
    _fails_with(check, "lessons/en/alpha.md: unknown field 'colour'")


def test_data_field_in_a_translation(check, tree):
    path = tree.root / "de" / "alpha.md"
    path.write_text(path.read_text().replace("title:", "stage: first\ntitle:"))
    _fails_with(check, "lessons/de/alpha.md: field 'stage' belongs in the English file only")


def test_duplicate_slug(check, tree):
    tree.write("en/alpha-copy.md", (tree.root / "en" / "alpha.md").read_text().replace("order: 1", "order: 3"))
    _fails_with(check, "duplicate slug 'alpha'")


def test_unknown_stage(check, tree):
    path = tree.root / "en" / "beta.md"
    path.write_text(path.read_text().replace("stage: second", "stage: third"))
    _fails_with(check, "lessons/en/beta.md: unknown stage 'third'")


def test_missing_translation(check, tree):
    (tree.root / "de" / "gamma.md").unlink()
    _fails_with(check, "lessons/en/gamma.md: missing translation: no file in de/ has the slug 'gamma'")


def test_translation_without_english(check, tree):
    tree.german("delta", "title: D\nsummary: S.\ntakeaway: T.")
    _fails_with(check, "lessons/de/delta.md: no English lesson has the slug 'delta'")


@pytest.mark.parametrize(
    ("exercise", "message"),
    [
        ("kind: poem\n  prompt: x", "exercise.kind 'poem' is unknown"),
        ("kind: post\n  prompt: x", "exercise.platforms is missing"),
        ("kind: post\n  platforms: [myspace]\n  prompt: x", "exercise.platforms: unknown platform 'myspace'"),
        ("kind: post\n  platforms: [x]\n  rubric: [charm]\n  prompt: x", "exercise.rubric: unknown criterion 'charm'"),
        ("kind: plan\n  rows: 50\n  columns: {who: Who}\n  prompt: x", "exercise.rows must be a whole number from 1 to 20"),
        ("kind: survey\n  questions: [{key: a, type: slider, text: Aha}]\n  prompt: x", "exercise.questions: 'a' needs a type: text or scale"),
        ("kind: survey\n  questions: [{key: a, type: scale, min: 5, max: 1, text: Aha}]\n  prompt: x", "exercise.questions: scale 'a' needs whole numbers min < max"),
        ("kind: reflection\n  prompt: x\n  colour: red", "exercise.colour is not a field of this kind"),
    ],
)
def test_broken_exercise_spec(check, tree, exercise, message):
    path = tree.root / "en" / "alpha.md"
    text = path.read_text()
    start, end = text.index("exercise:"), text.index("---", 4)
    path.write_text(text[:start] + "exercise:\n  " + exercise + "\n" + text[end:])
    _fails_with(check, "lessons/en/alpha.md: " + message)


def test_translation_must_give_the_same_keys(check, tree):
    path = tree.root / "en" / "alpha.md"
    text = path.read_text()
    start, end = text.index("exercise:"), text.index("---", 4)
    path.write_text(text[:start] + "exercise:\n  kind: plan\n  rows: 2\n  columns: {who: Who, why: Why}\n  prompt: x\n" + text[end:])
    german = tree.root / "de" / "alpha.md"
    german.write_text(german.read_text().replace("  prompt:", "  columns: {who: Wer}\n  prompt:"))
    _fails_with(check, "lessons/de/alpha.md: exercise.columns must give text for exactly these keys: who, why")


def test_link_to_a_lesson_that_does_not_exist(check, tree):
    path = tree.root / "de" / "beta.md"
    path.write_text(path.read_text() + "\nMehr in [dieser Lektion](lesson:omega).\n")
    _fails_with(check, "lessons/de/beta.md: link to a lesson that does not exist: lesson:omega")


def test_lesson_length(check, tree):
    tree.write("en/alpha.md", (tree.root / "en" / "alpha.md").read_text().split("## A heading")[0] + "Too short.\n")
    _fails_with(check, "lessons/en/alpha.md: the lesson text has 2 words; write 400 to 900")


def test_unknown_box(check, tree):
    path = tree.root / "en" / "alpha.md"
    path.write_text(path.read_text() + '\n!!! warning "Careful"\n    Text.\n')
    _fails_with(check, "unknown box '!!! warning'")


def test_order_taken_twice(check, tree):
    path = tree.root / "en" / "gamma.md"
    path.write_text(path.read_text().replace("order: 2", "order: 1"))
    _fails_with(check, "order 1 is taken in stage 'second'")


def test_every_problem_is_reported_at_once(check, tree):
    (tree.root / "de" / "gamma.md").unlink()
    path = tree.root / "en" / "beta.md"
    path.write_text(path.read_text().replace("stage: second", "stage: third"))
    output = _fails_with(check, "missing translation", "unknown stage 'third'")
    assert "2 problem(s) in the lesson files" in output


def test_app_refuses_to_start_in_debug_with_the_same_message(tree, migrated_database):
    (tree.root / "de" / "gamma.md").unlink()
    config = {**base_config(migrated_database), "DEBUG": True, "TESTING": False, "LESSONS_PATH": str(tree.root)}
    with pytest.raises(SystemExit) as stopped:
        create_app(config)
    assert "lessons/en/gamma.md: missing translation: no file in de/ has the slug 'gamma'" in str(stopped.value)


def _survey(tree, slug, questions, compare_with=None):
    path = tree.root / "en" / f"{slug}.md"
    text = path.read_text()
    start, end = text.index("exercise:"), text.index("---", 4)
    extra = f"\n  compare_with: {compare_with}" if compare_with else ""
    path.write_text(text[:start] + f"exercise:\n  kind: survey\n  questions: {questions}{extra}\n  prompt: x\n" + text[end:])
    german = tree.root / "de" / f"{slug}.md"
    keys = [part.split(",")[0].strip() for part in questions.split("key:")[1:]]
    german.write_text(german.read_text().replace("  prompt:", "  questions: {" + ", ".join(f"{k}: Frage" for k in keys) + "}\n  prompt:"))


def test_compared_surveys_need_the_same_questions(check, tree):
    _survey(tree, "alpha", "[{key: a, type: text, text: Aha}]")
    _survey(tree, "beta", "[{key: b, type: text, text: Bee}]", compare_with="alpha")
    _fails_with(check, "lessons/en/beta.md: exercise.compare_with: the questions must have the same keys")


def test_broken_compared_survey_is_reported_once(check, tree):
    _survey(tree, "alpha", "[{key: a, type: text, text: Aha}]")
    _survey(tree, "beta", "[{type: text}]", compare_with="alpha")
    output = _fails_with(check, "lessons/en/beta.md: exercise.questions: entry 1 needs a key and a text")
    assert "compare_with" not in output


def test_link_to_a_lesson_some_readers_cannot_open(check, tree):
    path = tree.root / "en" / "alpha.md"  # for all tracks; beta is for staff only
    path.write_text(path.read_text() + "\nStaff read [beta](lesson:beta).\n")
    _fails_with(check, "lessons/en/alpha.md: link to lesson:beta, which only the staff track can open")


def test_link_to_a_page_that_does_not_exist(check, tree):
    path = tree.root / "en" / "beta.md"
    path.write_text(path.read_text() + "\nSee [your circle](page:circle-rounds) and [the wall](page:wall).\n")
    _fails_with(check, "lessons/en/beta.md: link to a page that does not exist: page:wall "
                       "(there are circle-rounds, events, feed, follow-up-survey, network, presences)")
