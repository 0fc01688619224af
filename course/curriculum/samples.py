"""Sample posts in lesson files, measured the way their platform counts.

A sample post is a box ``!!! example <platform> … "Title"``: the classes after
``example`` name every platform the sample is meant for (keys of ``PLATFORMS``),
or ``other`` for an example that is no post (a bio, a guideline excerpt). The
box's text is the post, exactly as it would be typed; who wrote it goes in the
title. A ``replies`` exercise's example posts are measured for its platform.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from course.text.platforms import PLATFORMS, get_platform, measure

NOT_A_POST = "other"
_BOX_START = re.compile(r'^!!!\s+(?P<classes>[\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+"(?P<title>[^"\n]*)")?[ \t]*$')
_INDENT = "    "


@dataclass(frozen=True)
class Sample:
    title: str
    platforms: tuple[str, ...]
    others: tuple[str, ...]  # classes that are neither a platform nor ``other``
    is_post: bool  # False when marked ``other``
    text: str


def samples(body: str) -> Iterator[Sample]:
    """Every ``!!! example`` box of ``body``, with the platforms it names and its text."""
    lines = body.splitlines()
    for number, line in enumerate(lines):
        match = _BOX_START.match(line)
        if not match or match["classes"].split()[0] != "example":
            continue
        classes = match["classes"].split()[1:]
        content = []
        for following in lines[number + 1:]:
            if following.strip() and not following.startswith(_INDENT):
                break
            content.append(following[len(_INDENT):])
        yield Sample(match["title"] or "", tuple(c for c in classes if c in PLATFORMS),
                     tuple(c for c in classes if c not in PLATFORMS and c != NOT_A_POST),
                     NOT_A_POST not in classes, "\n".join(content).strip())


def box_problems(body: str) -> list[str]:
    """Sample boxes that name no platform, or that are longer than a platform they name allows."""
    problems = []
    for sample in samples(body):
        where = f'sample "{sample.title}"' if sample.title else "sample without a title"
        if sample.others:
            problems.append(f"{where}: unknown platform '{sample.others[0]}' "
                            f"(use {', '.join(PLATFORMS)}, or {NOT_A_POST} for an example that is no post)")
        elif not sample.platforms and sample.is_post:
            problems.append(f"{where}: name the platform after 'example', e.g. '!!! example bluesky \"…\"' "
                            f"(or '{NOT_A_POST}' for an example that is no post)")
        problems += [f"{where}: {message}" for message in over_limit(sample.text, sample.platforms)]
    return problems


def over_limit(text: str, platforms: tuple[str, ...] | list[str]) -> list[str]:
    """A message for each of ``platforms`` whose limit ``text`` exceeds, counted as that platform counts."""
    messages = []
    for key in platforms:
        platform = get_platform(key)
        result = measure(text, platform.counting, platform.limit)
        if result.is_over:
            messages.append(f"{result.length} characters as {platform.name} counts them; "
                            f"the limit is {platform.limit}")
    return messages

