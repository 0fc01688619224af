"""The material as written in ``material/*.yaml``: session plans per stage and the circle guide.

The files are ours, reviewed like the lessons, and read once per process. Each
text is given in every language of ``LANGUAGES``; ``check_material`` reports
anything missing so a test catches it before a trainer does.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).parent / "material"
LANGUAGES = ("en", "de")
MIN_MINUTES, MAX_MINUTES = 60, 90
WEEKS = 12
# Pages of a cohort a session plan may point to (``pages:`` in sessions.yaml), where the trainer finds in Vernetzt
# what the plan speaks of: the survey's before and after, and whether the circles go on.
COHORT_PAGES = ("survey-shift", "circles")


@dataclass(frozen=True)
class Block:
    minutes: int
    activity: str


@dataclass(frozen=True)
class SessionPlan:
    stage_key: str
    minutes: int
    goal: str
    prepare: list[str]
    timing: list[Block]
    pages: tuple[str, ...] = ()  # of COHORT_PAGES


@dataclass(frozen=True)
class CircleWeek:
    number: int
    title: str
    focus: str
    between: str


@dataclass(frozen=True)
class CircleGuide:
    introduction: str
    meeting: list[str]
    weeks: list[CircleWeek]


@cache
def _raw(name: str):
    return yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))


def _language(language: str) -> str:
    # Any other interface language reads the English material rather than nothing.
    return language if language in LANGUAGES else "en"


def session_plans(language: str) -> dict[str, SessionPlan]:
    """Every session plan in ``language``, by stage key, in the order of the file."""
    language = _language(language)
    return {
        item["stage"]: SessionPlan(
            stage_key=item["stage"], minutes=item["minutes"], goal=item["goal"][language].strip(),
            prepare=list(item["prepare"][language]),
            timing=[Block(block["minutes"], block["activity"][language].strip()) for block in item["timing"]],
            pages=tuple(item.get("pages", ())),
        )
        for item in _raw("sessions")
    }


def circle_guide(language: str) -> CircleGuide:
    """The twelve-week circle guide in ``language``."""
    language, raw = _language(language), _raw("circle")
    return CircleGuide(
        introduction=raw["introduction"][language].strip(), meeting=list(raw["meeting"][language]),
        weeks=[CircleWeek(number, week["title"][language], week["focus"][language].strip(), week["between"][language])
               for number, week in enumerate(raw["weeks"], start=1)],
    )


def check_material(stage_keys: list[str]) -> list[str]:
    """Problems with the material files: missing languages, stages without a plan, timings that do not add up."""
    problems = []
    plans = {item.get("stage"): item for item in _raw("sessions")}
    problems += [f"sessions.yaml: no session plan for stage '{key}'" for key in stage_keys if key not in plans]
    problems += [f"sessions.yaml: '{key}' is not a stage" for key in plans if key not in stage_keys]
    for key, item in plans.items():
        texts = [item["goal"], item["prepare"], *(block["activity"] for block in item["timing"])]
        problems += [f"sessions.yaml: '{key}' lacks a text in one of {', '.join(LANGUAGES)}"
                     for text in texts if set(text) != set(LANGUAGES) or not all(text.values())][:1]
        if not MIN_MINUTES <= item["minutes"] <= MAX_MINUTES:
            problems.append(f"sessions.yaml: '{key}' takes {item['minutes']} minutes; plan {MIN_MINUTES} to {MAX_MINUTES}")
        problems += [f"sessions.yaml: '{key}' names the page '{page}'; there are {', '.join(COHORT_PAGES)}"
                     for page in item.get("pages", ()) if page not in COHORT_PAGES]
        if sum(block["minutes"] for block in item["timing"]) != item["minutes"]:
            problems.append(f"sessions.yaml: the timing of '{key}' does not add up to {item['minutes']} minutes")
    raw = _raw("circle")
    if len(raw["weeks"]) != WEEKS:
        problems.append(f"circle.yaml: {len(raw['weeks'])} weeks; the guide has {WEEKS}")
    texts = [raw["introduction"], raw["meeting"]] + [week[part] for week in raw["weeks"]
                                                     for part in ("title", "focus", "between")]
    if any(set(text) != set(LANGUAGES) or not all(text.values()) for text in texts):
        problems.append(f"circle.yaml: a text lacks one of {', '.join(LANGUAGES)}")
    return problems
