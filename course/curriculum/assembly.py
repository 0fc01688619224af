"""Checking the lesson files and building the curriculum from them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course.curriculum import exercise_specs, samples
from course.curriculum.content import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    TRACKS,
    Criterion,
    Curriculum,
    Exercise,
    Lesson,
    LessonText,
    Stage,
    count_words,
)
from course.curriculum.freshness import parse_month
from course.curriculum.parsing import ParsedFile
from course.curriculum.rendering import PAGES

MIN_WORDS, MAX_WORDS = 400, 900
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LESSON_LINK = re.compile(r"\]\(lesson:([^)\s#]*)")
PAGE_LINK = re.compile(r"\]\(page:([^)\s#]*)")
BOX = re.compile(r"^!!!\s+(\S+)", re.MULTILINE)
BOX_KINDS = {"try", "example", "do", "dont", "note"}
TEXT_FIELDS = ("title", "summary", "takeaway")
DATA_FIELDS = ("stage", "order", "track", "minutes", "required", "facts_as_of")


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class CurriculumError(Exception):
    """The lesson files have problems; ``problems`` lists each with its file."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Collector:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def add(self, path: Path | str, message: str) -> None:
        name = path.relative_to(self.root.parent).as_posix() if isinstance(path, Path) else path
        self.problems.append(Problem(name, message))


def build_curriculum(root: Path, stages_data: Any, rubric_data: Any,
                     files: dict[Path, ParsedFile | Exception]) -> Curriculum:
    """Build the curriculum, or raise CurriculumError listing every problem found."""
    problems = _Collector(root)
    stages = _stages(stages_data, problems, root / "stages.yaml")
    criteria = _criteria(rubric_data, problems, root / "rubric.yaml")
    english: dict[str, Any] = {}
    translations: dict[str, dict[str, Any]] = {language: {} for language in LANGUAGES if language != DEFAULT_LANGUAGE}
    invalid_exercises: set[str] = set()
    for path, parsed in sorted(files.items()):
        language = path.parent.name
        if isinstance(parsed, Exception):
            problems.add(path, str(parsed))
        elif language == DEFAULT_LANGUAGE:
            _english(path, parsed, english, stages, criteria, problems, invalid_exercises)
        elif language in translations:
            _translation(path, parsed, translations[language], problems)
        else:
            problems.add(path, f"unknown language folder '{language}' (use {', '.join(LANGUAGES)})")
    lessons = _pair(english, translations, problems, invalid_exercises)
    _check_links_and_surveys(lessons, english, translations, problems, invalid_exercises)
    _check_orders(lessons, english, problems)
    if problems.problems:
        raise CurriculumError(problems.problems)
    for lesson in sorted(lessons.values(), key=lambda item: item.order):
        stages[lesson.stage_key].lessons.append(lesson)
    return Curriculum(stages=list(stages.values()), lessons=lessons, criteria=criteria)


def _texts(value: Any, path: Path, field: str, problems: _Collector) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != set(LANGUAGES) or not all(
        isinstance(text, str) and text.strip() for text in value.values()
    ):
        problems.add(path, f"{field} needs text in each of: {', '.join(LANGUAGES)}")
        return {}
    return value


def _stages(data: Any, problems: _Collector, path: Path) -> dict[str, Stage]:
    stages: dict[str, Stage] = {}
    if not isinstance(data, list) or not data:
        problems.add(path, "must be a list of stages with key, title and description")
        return stages
    for number, item in enumerate(data, start=1):
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str) or not SLUG.match(key) or key in stages:
            problems.add(path, f"stage {number}: needs a unique key of lower-case letters, digits and hyphens")
            continue
        stages[key] = Stage(key, number, _texts(item.get("title"), path, f"stage '{key}' title", problems),
                            _texts(item.get("description"), path, f"stage '{key}' description", problems))
    return stages


def _criteria(data: Any, problems: _Collector, path: Path) -> dict[str, Criterion]:
    criteria: dict[str, Criterion] = {}
    if not isinstance(data, list) or not data:
        problems.add(path, "must be a list of criteria with key, name and four levels")
        return criteria
    for item in data:
        key = item.get("key") if isinstance(item, dict) else None
        levels = item.get("levels") if isinstance(item, dict) else None
        if not isinstance(key, str) or key in criteria or not isinstance(levels, list) or len(levels) != 4:
            problems.add(path, f"criterion '{key}': needs a unique key, a name and exactly four levels")
            continue
        names = _texts(item.get("name"), path, f"criterion '{key}' name", problems)
        criteria[key] = Criterion(key, names, [_texts(level, path, f"criterion '{key}' level", problems)
                                               for level in levels])
    return criteria


def _common(path: Path, front: dict, body: str, problems: _Collector) -> bool:
    ok = True
    for field in ("slug", *TEXT_FIELDS):
        if not isinstance(front.get(field), str) or not front[field].strip():
            problems.add(path, f"{field} is missing" if field not in front else f"{field} must be text")
            ok = False
    if ok and not SLUG.match(front["slug"]):
        problems.add(path, f"slug '{front['slug']}' may only hold lower-case letters, digits and hyphens")
        ok = False
    words = count_words(body)
    if not MIN_WORDS <= words <= MAX_WORDS:
        problems.add(path, f"the lesson text has {words} words; write {MIN_WORDS} to {MAX_WORDS}")
    for kind in sorted(set(BOX.findall(body)) - BOX_KINDS):
        problems.add(path, f"unknown box '!!! {kind}' (use {', '.join(sorted(BOX_KINDS))})")
    for message in samples.box_problems(body):
        problems.add(path, message)
    return ok


def _english(path, parsed, english, stages, criteria, problems, invalid_exercises) -> None:
    front = parsed.front
    allowed = {"slug", *TEXT_FIELDS, *DATA_FIELDS, "exercise"}
    for field in sorted(set(front) - allowed):
        problems.add(path, f"unknown field '{field}'")
    for field in ("stage", "order", "track", "minutes"):
        if field not in front:
            problems.add(path, f"{field} is missing")
    if not _common(path, front, parsed.body, problems):
        return
    if "stage" in front and front["stage"] not in stages:
        problems.add(path, f"unknown stage '{front['stage']}' (see stages.yaml)")
    if "order" in front and not (isinstance(front["order"], int) and front["order"] >= 1):
        problems.add(path, "order must be a whole number from 1")
    if "track" in front and front["track"] not in TRACKS:
        problems.add(path, f"track must be one of {', '.join(TRACKS)}")
    if "minutes" in front and not (isinstance(front["minutes"], int) and 1 <= front["minutes"] <= 120):
        problems.add(path, "minutes must be a whole number from 1 to 120")
    if not isinstance(front.get("required", True), bool):
        problems.add(path, "required must be true or false")
    if "facts_as_of" in front and parse_month(front["facts_as_of"]) is None:
        problems.add(path, "facts_as_of must be the month the platform facts were checked, as YYYY-MM")
    exercise_problems = exercise_specs.check_english(front["exercise"], set(criteria)) if "exercise" in front else []
    for message in exercise_problems:
        problems.add(path, message)
    if front["slug"] in english:
        problems.add(path, f"duplicate slug '{front['slug']}' (also in {english[front['slug']][0].name})")
        return
    english[front["slug"]] = (path, parsed)
    if exercise_problems:
        invalid_exercises.add(front["slug"])


def _translation(path, parsed, lessons, problems) -> None:
    front = parsed.front
    for field in sorted(set(front) & set(DATA_FIELDS)):
        problems.add(path, f"field '{field}' belongs in the English file only")
    for field in sorted(set(front) - {"slug", *TEXT_FIELDS, *DATA_FIELDS, "exercise"}):
        problems.add(path, f"unknown field '{field}'")
    if not _common(path, front, parsed.body, problems):
        return
    if front["slug"] in lessons:
        problems.add(path, f"duplicate slug '{front['slug']}' (also in {lessons[front['slug']][0].name})")
        return
    lessons[front["slug"]] = (path, parsed)


def _pair(english, translations, problems, invalid_exercises) -> dict[str, Lesson]:
    lessons = {}
    for translated in translations.values():
        for slug, (path, _parsed) in translated.items():
            if slug not in english:
                problems.add(path, f"no English lesson has the slug '{slug}'")
    for slug, (path, parsed) in english.items():
        front = parsed.front
        exercise = front.get("exercise")
        texts = {DEFAULT_LANGUAGE: _text(front, parsed.body, exercise)}
        _check_reply_samples(path, exercise, exercise, problems)
        _check_model_posts(path, exercise, parsed.body, problems)
        for language, translated in translations.items():
            if slug not in translated:
                problems.add(path, f"missing translation: no file in {language}/ has the slug '{slug}'")
                continue
            other_path, other = translated[slug]
            other_exercise = other.front.get("exercise")
            if isinstance(exercise, dict) and slug not in invalid_exercises:
                for message in exercise_specs.check_translation(exercise, other_exercise):
                    problems.add(other_path, message)
            elif other_exercise is not None and exercise is None:
                problems.add(other_path, "exercise given, but the English file has none")
            texts[language] = _text(other.front, other.body, other_exercise)
            _check_reply_samples(other_path, exercise, other_exercise, problems)
            _check_model_posts(other_path, exercise, other.body, problems)
        reading = max(text.reading_minutes for text in texts.values())
        if isinstance(front.get("minutes"), int) and front["minutes"] <= reading:
            problems.add(path, f"minutes ({front['minutes']}) must include reading time: the text alone takes "
                               f"about {reading} minutes to read, and the exercise comes on top")
        lessons[slug] = Lesson(
            slug=slug, stage_key=front.get("stage"), order=front.get("order"), track=front.get("track"),
            minutes=front.get("minutes"), required=front.get("required", True),
            facts_as_of=parse_month(front.get("facts_as_of")),
            exercise=Exercise(exercise["kind"], exercise) if isinstance(exercise, dict) and "kind" in exercise else None,
            texts=texts,
        )
    return lessons


def _check_reply_samples(path: Path, english: Any, exercise: Any, problems: _Collector) -> None:
    """The example posts of a ``replies`` exercise must fit the platform they are answered on."""
    if not (isinstance(english, dict) and english.get("kind") == "replies" and isinstance(exercise, dict)
            and english.get("platform") in samples.PLATFORMS and isinstance(exercise.get("posts"), list)):
        return
    for number, post in enumerate(exercise["posts"], start=1):
        if isinstance(post, dict) and isinstance(post.get("text"), str):
            for message in samples.over_limit(post["text"].strip(), [english["platform"]]):
                problems.add(path, f"exercise.posts: entry {number}: {message}")


def _check_model_posts(path: Path, english: Any, body: str, problems: _Collector) -> None:
    """A writing lesson shows a model post for every platform its exercise lets the learner write for."""
    if not (isinstance(english, dict) and english.get("kind") == "post" and isinstance(english.get("platforms"), list)):
        return
    shown = {key for sample in samples.samples(body) for key in sample.platforms}
    for key in english["platforms"]:
        if key in samples.PLATFORMS and key not in shown:
            problems.add(path, f"no model post for {samples.PLATFORMS[key].name}: a writing lesson shows a sample "
                               f"post ('!!! example {key} \"…\"') for every platform of its exercise")


def _text(front: dict, body: str, exercise: Any) -> LessonText:
    return LessonText(title=front["title"].strip(), summary=front["summary"].strip(),
                      takeaway=front["takeaway"].strip(), body=body, exercise=_exercise_text(exercise))


def _exercise_text(exercise: Any) -> dict:
    """The exercise's text in one shape for every language: English survey questions
    are a list carrying their text, translations a mapping key: text."""
    if not isinstance(exercise, dict):
        return {}
    text = dict(exercise)
    questions = exercise.get("questions")
    if isinstance(questions, list):
        text["questions"] = {q.get("key"): q.get("text") for q in questions if isinstance(q, dict)}
    return text


def _check_links_and_surveys(lessons, english, translations, problems, invalid) -> None:
    sources = [english] + list(translations.values())
    for files in sources:
        for slug, (path, parsed) in files.items():
            source = lessons.get(slug)
            for target in LESSON_LINK.findall(parsed.body):
                if target not in lessons:
                    problems.add(path, f"link to a lesson that does not exist: lesson:{target}")
                elif source is not None and not _visible_to_readers(source, lessons[target]):
                    problems.add(path, f"link to lesson:{target}, which only the {lessons[target].track} track "
                                       "can open; not every reader of this lesson could follow it")
            for target in PAGE_LINK.findall(parsed.body):
                if target not in PAGES:
                    problems.add(path, f"link to a page that does not exist: page:{target} "
                                       f"(there are {', '.join(sorted(PAGES))})")
    for slug, (path, parsed) in english.items():
        exercise = parsed.front.get("exercise")
        if not isinstance(exercise, dict) or "compare_with" not in exercise:
            continue
        if slug in invalid or exercise["compare_with"] in invalid:
            continue  # the exercise block itself has problems, reported already
        earlier = lessons.get(exercise["compare_with"])
        if earlier is None or earlier.exercise is None or earlier.exercise.kind != "survey":
            problems.add(path, f"exercise.compare_with: '{exercise['compare_with']}' is not a survey lesson")
        elif exercise_specs.text_keys(earlier.exercise.settings, "questions") != exercise_specs.text_keys(
            exercise, "questions"
        ):
            problems.add(path, "exercise.compare_with: the questions must have the same keys as the earlier survey")


def _visible_to_readers(source: Lesson, target: Lesson) -> bool:
    """Whether everyone who can read ``source`` can also open ``target``."""
    return target.track == "all" or target.track == source.track


def _check_orders(lessons, english, problems) -> None:
    seen: dict[tuple[str, int], str] = {}
    for slug, lesson in lessons.items():
        place = (lesson.stage_key, lesson.order)
        if place in seen and lesson.stage_key is not None:
            problems.add(english[slug][0], f"order {lesson.order} is taken in stage '{lesson.stage_key}' by '{seen[place]}'")
        seen[place] = slug
