"""Choosing reviewers, in memory, for any number of submissions at once.

The preference, best first: active people (seen within ACTIVE_WINDOW) before
inactive ones, so no author waits on someone who is away; within each, the
author's circle before the rest of the cohort; then the fewest open reviews,
then the fewest reviews ever, then the lowest id. Never the author, never
someone who already has this draft open.

Loads change as reviewers are chosen, so each cohort's reviewers sit in heaps
keyed by load: a choice costs a few heap operations instead of a sort of the
whole cohort, and a batch of thousands of submissions stays fast.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

ACTIVE_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class Reviewer:
    """A possible reviewer: who, in which circle and track, seen when."""

    user_id: int
    circle_id: int | None
    track: str
    last_seen_at: datetime | None

    def is_active(self, now: datetime) -> bool:
        return self.last_seen_at is not None and now - self.last_seen_at <= ACTIVE_WINDOW


@dataclass
class Loads:
    """Open and total reviews per person, updated as reviews are handed out."""

    open: dict[int, int] = field(default_factory=dict)
    total: dict[int, int] = field(default_factory=dict)

    def key(self, user_id: int) -> tuple[int, int, int]:
        return self.open.get(user_id, 0), self.total.get(user_id, 0), user_id

    def add(self, user_id: int) -> None:
        self.open[user_id] = self.open.get(user_id, 0) + 1
        self.total[user_id] = self.total.get(user_id, 0) + 1


class CohortPool:
    """A cohort's possible reviewers, ready to be chosen from again and again."""

    def __init__(self, reviewers: Iterable[Reviewer], loads: Loads, now: datetime, *, leadership_only: bool = False):
        self.loads = loads
        self.leadership_only = leadership_only
        self.reviewers = {reviewer.user_id: reviewer for reviewer in reviewers}
        self.active = {user_id for user_id, reviewer in self.reviewers.items() if reviewer.is_active(now)}
        self.circles: dict[int, list[int]] = {}
        for reviewer in self.reviewers.values():
            if reviewer.circle_id is not None:
                self.circles.setdefault(reviewer.circle_id, []).append(reviewer.user_id)
        self._heaps: dict[tuple[bool, bool], list[tuple[int, int, int]]] = {}

    def choose(self, author_id: int, count: int, *, exclude: Iterable[int] = (), active_only: bool = False) -> list[int]:
        """Up to ``count`` reviewers for a draft by ``author_id``, best first; their loads go up by one."""
        author = self.reviewers.get(author_id)
        leadership = self.leadership_only and author is not None and author.track == "leadership"
        circle = set(self.circles.get(author.circle_id, ())) if author and author.circle_id is not None else set()
        skip = {author_id, *exclude}
        chosen: list[int] = []
        for active in (True, False) if not active_only else (True,):
            for pick in (self._from_circle, self._from_cohort):
                chosen += pick(circle, skip | set(chosen), count - len(chosen), active, leadership)
                if len(chosen) == count:
                    return chosen
        return chosen

    def _eligible(self, user_id: int, active: bool, leadership: bool) -> bool:
        return (user_id in self.active) == active and (
            not leadership or self.reviewers[user_id].track == "leadership"
        )

    def _from_circle(self, circle: set[int], skip: set[int], count: int, active: bool, leadership: bool) -> list[int]:
        candidates = sorted(self.loads.key(u) for u in circle - skip if self._eligible(u, active, leadership))
        chosen = [user_id for _open, _total, user_id in candidates[:count]]
        for user_id in chosen:
            self._take(user_id)
        return chosen

    def _from_cohort(self, circle: set[int], skip: set[int], count: int, active: bool, leadership: bool) -> list[int]:
        heap = self._heap(active, leadership)
        chosen: list[int] = []
        set_aside = []
        while heap and len(chosen) < count:
            entry = heapq.heappop(heap)
            user_id = entry[2]
            if entry != self.loads.key(user_id):
                continue  # stale: this person's load has gone up since
            if user_id in skip or user_id in circle:
                set_aside.append(entry)
                continue
            chosen.append(user_id)
        for entry in set_aside:
            heapq.heappush(heap, entry)
        for user_id in chosen:
            self._take(user_id)
        return chosen

    def _heap(self, active: bool, leadership: bool) -> list[tuple[int, int, int]]:
        if (active, leadership) not in self._heaps:
            heap = [self.loads.key(u) for u in self.reviewers if self._eligible(u, active, leadership)]
            heapq.heapify(heap)
            self._heaps[(active, leadership)] = heap
        return self._heaps[(active, leadership)]

    def _take(self, user_id: int) -> None:
        self.loads.add(user_id)
        key = self.loads.key(user_id)
        for (active, leadership), heap in self._heaps.items():
            if self._eligible(user_id, active, leadership):
                heapq.heappush(heap, key)


def choose_trainer(trainer_ids: Iterable[int], loads: Loads) -> int | None:
    """The trainer with the fewest open reviews, who takes what the cohort cannot; their load goes up."""
    ranked = sorted(loads.key(user_id) for user_id in trainer_ids)
    if not ranked:
        return None
    trainer_id = ranked[0][2]
    loads.add(trainer_id)
    return trainer_id
