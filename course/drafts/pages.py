"""What the composer page shows: each part with its count, overflow and preview, plus hints."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from markupsafe import Markup

from course.accounts.models import User
from course.curriculum.content import Lesson
from course.curriculum.rendering import prompt_html
from course.dates import format_moment
from course.drafts.checks import MAX_TEXT
from course.drafts.forms import ComposerForm
from course.drafts.models import Draft
from course.drafts.targets import Part, platform_choices
from course.guidelines.hints import Hint, HintContext, guideline_hints
from course.text.platforms import Measure, Platform, client_rules, measure
from course.text.user_markdown import render_post


@dataclass
class PartView:
    part: Part
    text: str
    size: Measure
    preview: Markup
    problem: str | None = None

    @classmethod
    def of(cls, part: Part, text: str, problem: str | None = None) -> PartView:
        """The part with its text measured as its platform counts and previewed as a post.

        A text too long to store is shown back as typed but neither counted nor rendered: that work
        grows with the text, and the writer is told to shorten it anyway.
        """
        if len(text) > MAX_TEXT:
            return cls(part, text, Measure(len(text), part.limit, None), Markup(""), problem)
        return cls(part, text, measure(text, part.counting, part.limit), render_post(text), problem)

    @property
    def rows(self) -> int:
        limit = self.part.limit
        return 3 if limit and limit <= 200 else 6 if limit and limit <= 500 else 12

    @property
    def preview_style(self) -> str:
        return self.part.platform.key if self.part.platform else "profile"

    @property
    def preview_where(self) -> str:
        return self.part.platform.name if self.part.platform else self.part.label

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()

    @property
    def count_label(self) -> str:
        if self.size.limit is None:
            return ngettext("%(num)s word", "%(num)s words", self.size.length)
        return f"{format_decimal(self.size.length)} / {format_decimal(self.size.limit)}"

    @property
    def count_note(self) -> str:
        if self.size.limit is not None and self.size.is_over:
            return _("%(count)s over the limit", count=format_decimal(self.size.length - self.size.limit))
        if self.size.limit is not None:
            return _("%(count)s left", count=format_decimal(self.size.remaining))
        return word_range_note(self.part.platform)

    @property
    def counting_hint(self) -> str:
        return counting_hint(self.part.counting)

    @property
    def overflow_text(self) -> str:
        return "" if self.size.overflow_at is None else self.text[self.size.overflow_at:]


def counting_hint(counting: str) -> str:
    """How a part is counted, in the words of the platform."""
    return {
        "x": _("Counted as X counts: every link is 23 characters; emoji, Chinese, Japanese and Korean characters count twice."),
        "mastodon": _("Counted as Mastodon counts: every link is 23 characters, and @name@server counts as @name."),
        "graphemes": _("Counted as Bluesky counts: every character you see counts once, emoji included."),
        "threads": _("Counted as Threads counts: every character you see counts once, but an emoji counts as several "
                     "(its size in bytes, usually four)."),
        "characters": _("Every character counts once."),
        "words": _("Counted in words; there is no hard limit."),
    }[counting]


def word_range_note(platform: Platform | None) -> str:
    """The advised length of a long-form text, e.g. a blog post; empty for everything else."""
    if platform is None or platform.word_range is None:
        return ""
    low, high = platform.word_range
    return _("aim for %(low)s–%(high)s words", low=format_decimal(low), high=format_decimal(high))


@dataclass
class ConflictRow:
    label: str
    theirs: str
    mine: str


@dataclass
class ComposerPage:
    lesson: Lesson
    draft: Draft | None
    form: ComposerForm | None  # None: the post shown to its reviewer, without the form
    parts: list[PartView]
    hints: list[Hint]
    author_name: str
    prompt_html: Markup
    problem: str | None = None  # about the draft as a whole
    conflict: Draft | None = None  # the newer saved draft the writer's text collided with
    platforms: list = field(default_factory=list)
    revision: int = 0  # the saved revision the text on the page is based on
    keep_mine: bool = False  # after a conflict: saving keeps this text as a new version
    acknowledge_first: str | None = None  # the guidelines to acknowledge before submitting, if the cohort asks

    @property
    def initials(self) -> str:
        words = [word for word in self.author_name.split() if word[:1].isalpha()]
        letters = [words[0][0], words[-1][0]] if len(words) > 1 else [w[0] for w in words[:1]]
        return "".join(letters).upper() or "?"

    @property
    def status(self) -> str:
        if self.draft is None:
            return _("Not saved yet")
        if self.draft.is_submitted:
            return _("Submitted for review")
        if self.draft.is_revising:
            return _("Revising after review")
        return _("Draft")

    @property
    def status_line(self) -> str:
        if self.draft is None or self.draft.latest is None:
            return self.status
        latest = self.draft.latest
        return _("%(status)s · version %(number)s · saved %(when)s", status=self.status, number=latest.number,
                 when=format_moment(latest.saved_at))

    @property
    def conflict_rows(self) -> list[ConflictRow]:
        if self.conflict is None:
            return []
        theirs = self.conflict.texts
        return [ConflictRow(view.part.label, theirs.get(view.part.key, ""), view.text) for view in self.parts]

    @property
    def conflict_saved_at(self) -> str:
        return format_moment(self.conflict.updated_at) if self.conflict else ""

    def client_config(self) -> dict:
        """What composer.js needs: where to save, how to count, and its messages."""
        return {
            "autosaveUrl": url_for("drafts.autosave", slug=self.lesson.slug),
            "rules": client_rules(),
            "parts": {view.part.key: {"counting": view.part.counting, "limit": view.part.limit,
                                      "words": word_range_note(view.part.platform)} for view in self.parts},
            "platforms": {p.key: {"counting": p.counting, "limit": p.limit, "hint": counting_hint(p.counting),
                                  "label": _("Your post for %(platform)s", platform=p.name), "name": p.name,
                                  "words": word_range_note(p)}
                          for p in self.platforms},
            "messages": {
                "saving": _("Saving…"),
                "unsaved": _("Changes not saved yet"),
                "failed": _("Not saved – check your connection. Your text is still here."),
                "signedOut": _("Not saved – you have been signed out. Sign in again in another tab; your text is still here."),
                "leave": _("Your latest changes are not saved yet."),
                "over": _("%(count)s over the limit"),
                "left": _("%(count)s left"),
                "wordsOne": ngettext("%(num)s word", "%(num)s words", 1),
                "wordsMany": ngettext("%(num)s word", "%(num)s words", 2),
                "nowOver": _("%(part)s is now over the limit."),
                "nowFits": _("%(part)s fits the limit again."),
            },
        }


def composer_page(user: User, lesson: Lesson, language: str, form: ComposerForm, parts: list[Part], draft: Draft | None,
                  problems: dict[str, str] | None = None, conflict: Draft | None = None,
                  revision: int | None = None) -> ComposerPage:
    """The composer for ``lesson`` showing the texts in ``form`` (what the writer typed).

    ``revision`` is the saved revision the page now stands on; by default the one the form came with.
    """
    problems = problems or {}
    texts = form.texts()
    views = [PartView.of(part, texts[part.key], problems.get(part.key)) for part in parts]
    context = HintContext(user, lesson.slug, texts,
                          {part.key: part.platform.key if part.platform else None for part in parts})
    if conflict is not None:
        revision = conflict.revision
    elif revision is None:
        revision = form.revision.data or 0
    return ComposerPage(lesson, draft, form, views, guideline_hints(context), user.name, Markup(prompt_html(lesson.text(language))),
                    problem=problems.get("") or problems.get("platform"), conflict=conflict,
                    platforms=platform_choices(lesson), revision=revision, keep_mine=conflict is not None)
