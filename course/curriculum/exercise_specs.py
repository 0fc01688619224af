"""What a lesson's `exercise` block must hold for each kind.

The English file holds the kind, its settings and its text; a translation
holds only the text fields, with the same keys. Checks return problem messages.
"""
from dataclasses import dataclass
from typing import Any

from course.text.platforms import PLATFORMS

DEFAULT_RUBRIC = ("authenticity", "audience_fit", "clarity", "guidelines")


@dataclass(frozen=True)
class KindSpec:
    settings: frozenset[str]  # required settings, English file only
    optional: frozenset[str]  # optional settings, English file only
    texts: frozenset[str]  # in every language


KINDS = {
    "reflection": KindSpec(frozenset(), frozenset(), frozenset({"prompt"})),
    # A post is written for one platform of `platforms` (the learner picks), or with
    # `each_platform: true` once for every platform listed.
    "post": KindSpec(frozenset({"platforms"}), frozenset({"rubric", "each_platform"}), frozenset({"prompt"})),
    "profile": KindSpec(frozenset({"fields"}), frozenset({"rubric"}), frozenset({"prompt", "labels"})),
    "plan": KindSpec(frozenset({"rows"}), frozenset(), frozenset({"prompt", "columns"})),
    "replies": KindSpec(frozenset({"platform"}), frozenset(), frozenset({"prompt", "posts"})),
    "survey": KindSpec(frozenset(), frozenset({"compare_with"}), frozenset({"prompt", "questions"})),
}


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def check_english(exercise: Any, criteria: set[str]) -> list[str]:
    """Problems with an English file's exercise block."""
    if not isinstance(exercise, dict):
        return ["exercise must be a mapping with a kind"]
    kind = exercise.get("kind")
    if kind not in KINDS:
        return [f"exercise.kind '{kind}' is unknown (known: {', '.join(KINDS)})"]
    spec = KINDS[kind]
    problems = _fields(exercise, spec.settings | spec.texts, spec.optional | {"kind"})
    if problems:
        return problems
    problems += [f"exercise.{name} must be text" for name in ("prompt",) if not _is_text(exercise["prompt"])]
    if "rubric" in spec.optional:
        problems += _rubric(exercise.get("rubric", list(DEFAULT_RUBRIC)), criteria)
    problems += _SETTINGS_CHECKS.get(kind, lambda e: [])(exercise)
    return problems


def check_translation(english: dict, translated: Any) -> list[str]:
    """Problems with a translation's exercise block, given the English one."""
    spec = KINDS[english["kind"]]
    if not isinstance(translated, dict):
        return [f"exercise must be a mapping with {', '.join(sorted(spec.texts))}"]
    data = sorted((set(translated) & (spec.settings | spec.optional | {"kind"})) - spec.texts)
    if data:
        return [f"exercise.{name} belongs in the English file only" for name in data]
    problems = _fields(translated, spec.texts, frozenset())
    if problems:
        return problems
    if not _is_text(translated["prompt"]):
        problems.append("exercise.prompt must be text")
    for name in sorted(spec.texts - {"prompt"}):
        problems += _same_shape(name, text_keys(english, name), translated[name])
    return problems


def text_keys(english: dict, name: str) -> list[str] | int:
    """The keys (or, for posts, the number of entries) a text field must have."""
    value = english[name]
    if name == "posts":
        return len(value)
    if name == "questions":
        return [q["key"] for q in value]
    return list(value)


def _same_shape(name: str, expected: list[str] | int, value: Any) -> list[str]:
    if isinstance(expected, int):
        if not isinstance(value, list) or len(value) != expected:
            return [f"exercise.{name} must list {expected} entries, as the English file does"]
        return _posts(value)
    if not isinstance(value, dict) or set(value) != set(expected):
        return [f"exercise.{name} must give text for exactly these keys: {', '.join(expected)}"]
    return [f"exercise.{name}.{key} must be text" for key, text in value.items() if not _is_text(text)]


def _fields(block: dict, required: frozenset[str], optional: frozenset[str]) -> list[str]:
    missing = [f"exercise.{name} is missing" for name in sorted(required - set(block))]
    unknown = [f"exercise.{name} is not a field of this kind" for name in sorted(set(block) - required - optional)]
    return missing + unknown


def _rubric(rubric: Any, criteria: set[str]) -> list[str]:
    if not isinstance(rubric, list) or not rubric:
        return ["exercise.rubric must be a non-empty list of criterion keys"]
    return [f"exercise.rubric: unknown criterion '{key}' (see rubric.yaml)" for key in rubric if key not in criteria]


def _posts(posts: list) -> list[str]:
    bad = [i + 1 for i, post in enumerate(posts)
           if not (isinstance(post, dict) and _is_text(post.get("author")) and _is_text(post.get("text")))]
    return [f"exercise.posts: entry {i} needs an author and a text" for i in bad]


def _platforms(exercise: dict) -> list[str]:
    platforms = exercise["platforms"]
    if not isinstance(platforms, list) or not platforms:
        return ["exercise.platforms must be a non-empty list"]
    problems = [f"exercise.platforms: unknown platform '{p}' (known: {', '.join(PLATFORMS)})"
                for p in platforms if p not in PLATFORMS]
    if not isinstance(exercise.get("each_platform", False), bool):
        problems.append("exercise.each_platform must be true or false")
    return problems


def _profile(exercise: dict) -> list[str]:
    fields = exercise["fields"]
    if not isinstance(fields, list) or not fields:
        return ["exercise.fields must be a non-empty list of {key, limit}"]
    problems = [f"exercise.fields: entry {i + 1} needs a key and a positive whole-number limit"
                for i, item in enumerate(fields)
                if not (isinstance(item, dict) and _is_text(item.get("key"))
                        and isinstance(item.get("limit"), int) and item["limit"] > 0)]
    if problems:
        return problems
    return _same_shape("labels", [item["key"] for item in fields], exercise["labels"])


def _plan(exercise: dict) -> list[str]:
    rows, columns = exercise["rows"], exercise["columns"]
    problems = [] if isinstance(rows, int) and 1 <= rows <= 20 else ["exercise.rows must be a whole number from 1 to 20"]
    if not isinstance(columns, dict) or not columns:
        return problems + ["exercise.columns must be a mapping of key: heading"]
    return problems + [f"exercise.columns.{key} must be text" for key, text in columns.items() if not _is_text(text)]


def _replies(exercise: dict) -> list[str]:
    problems = [] if exercise["platform"] in PLATFORMS else [
        f"exercise.platform must be one of {', '.join(PLATFORMS)}"]
    posts = exercise["posts"]
    if not isinstance(posts, list) or not posts:
        return problems + ["exercise.posts must be a non-empty list of {author, text}"]
    return problems + _posts(posts)


def _survey(exercise: dict) -> list[str]:
    questions = exercise["questions"]
    if not isinstance(questions, list) or not questions:
        return ["exercise.questions must be a non-empty list of {key, type, text}"]
    problems, seen = [], set()
    for number, question in enumerate(questions, start=1):
        if not (isinstance(question, dict) and _is_text(question.get("key")) and _is_text(question.get("text"))):
            problems.append(f"exercise.questions: entry {number} needs a key and a text")
            continue
        key = question["key"]
        if key in seen:
            problems.append(f"exercise.questions: duplicate key '{key}'")
        seen.add(key)
        if question.get("type") not in ("text", "scale"):
            problems.append(f"exercise.questions: '{key}' needs a type: text or scale")
        elif question["type"] == "scale" and not (
            isinstance(question.get("min"), int) and isinstance(question.get("max"), int)
            and question["min"] < question["max"]
        ):
            problems.append(f"exercise.questions: scale '{key}' needs whole numbers min < max")
    return problems


_SETTINGS_CHECKS = {
    "post": _platforms,
    "profile": _profile,
    "plan": _plan,
    "replies": _replies,
    "survey": _survey,
}
