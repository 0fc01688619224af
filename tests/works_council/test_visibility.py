"""The one rule: whom staff may see by name, and which group is large enough for a figure."""
from types import SimpleNamespace

from course.works_council.visibility import may_see_person, may_show_group, shift_minimum, visible_people


def organisation(mode, smallest=5):
    return SimpleNamespace(works_council_mode=mode, smallest_group=smallest)


def person(shares):
    return SimpleNamespace(shares_progress=shares)


def test_outside_the_mode_everyone_is_seen():
    assert may_see_person(organisation(False), person(False))
    assert may_see_person(organisation(False), person(True))


def test_in_the_mode_only_people_who_share_are_seen():
    assert not may_see_person(organisation(True), person(False))
    assert may_see_person(organisation(True), person(True))
    rows = [("a", person(False)), ("b", person(True))]
    assert visible_people(organisation(True), rows, lambda row: row[1]) == [rows[1]]


def test_a_group_needs_at_least_the_smallest_group():
    assert not may_show_group(organisation(True, 5), 4)
    assert may_show_group(organisation(True, 5), 5)
    assert not may_show_group(organisation(True, 8), 7)


def test_the_survey_needs_five_always_and_the_smallest_group_in_the_mode():
    assert shift_minimum(organisation(False, 8)) == 5
    assert shift_minimum(organisation(True, 8)) == 8
    assert shift_minimum(organisation(True, 3)) == 5
