"""Reading a lesson file: YAML front matter between `---` lines, then Markdown."""
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class ParseError(ValueError):
    """The file cannot be read as front matter plus Markdown."""


@dataclass(frozen=True)
class ParsedFile:
    front: dict[str, Any]
    body: str


def parse_lesson(text: str) -> ParsedFile:
    """Split ``text`` into its front matter (a mapping) and its Markdown body."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ParseError("front matter missing: the file must start with a line '---'")
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        raise ParseError("front matter is not closed by a line '---'") from None
    try:
        front = yaml.safe_load("".join(lines[1:end]))
    except yaml.YAMLError as error:
        raise ParseError(f"invalid YAML in the front matter: {_describe(error)}") from error
    if not isinstance(front, dict):
        raise ParseError("the front matter must be a mapping of field: value")
    return ParsedFile(front=front, body="".join(lines[end + 1:]).strip() + "\n")


def load_yaml(path: Path) -> Any:
    """Parse a YAML data file, raising ParseError with a readable message."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ParseError(f"invalid YAML: {_describe(error)}") from error


def _describe(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return f"{problem} (line {mark.line + 1})" if mark else problem
