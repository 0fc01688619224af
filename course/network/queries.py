"""Reading the network: whose presences a person may see, a cohort's people, its feed, a person's marks."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased, joinedload

from course.accounts.models import Role, User
from course.cohorts.models import Cohort, CohortMember
from course.extensions import db
from course.network.models import FollowMark, NetworkProfile, Presence, Publication, ReplyMark, ShownAs, Visibility
from course.permissions import organisation_ids_for


def is_staff_of(user: User, organisation_id: int) -> bool:
    """Whether ``user`` trains or administers ``organisation_id``."""
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.TRAINER and any(o.id == organisation_id for o in user.trained_organisations)


def membership(user: User) -> CohortMember | None:
    return db.session.scalar(sa.select(CohortMember).where(CohortMember.user_id == user.id))


@dataclass(frozen=True)
class Viewer:
    """Who looks at a cohort's network pages, and from where."""

    user: User
    is_staff: bool
    cohort_id: int | None  # the viewer's own cohort, for learners
    circle_id: int | None

    @property
    def is_member(self) -> bool:
        return self.cohort_id is not None


def viewer_of(user: User, cohort: Cohort) -> Viewer:
    """The viewer of ``cohort``: staff of its organisation, one of its members, or a colleague from elsewhere."""
    if is_staff_of(user, cohort.organisation_id):
        return Viewer(user, True, None, None)
    own = membership(user)
    if own is not None and own.cohort_id == cohort.id:
        return Viewer(user, False, own.cohort_id, own.circle_id)
    return Viewer(user, False, None, None)


def visible_condition(viewer: Viewer, profile) -> sa.ColumnElement[bool]:
    """SQL: the cohort member (a CohortMember row, with network profile ``profile``) lets ``viewer`` see them."""
    widest = [Visibility.ORGANISATION]
    if viewer.is_staff or viewer.is_member:
        widest.append(Visibility.COHORT)
    conditions = [CohortMember.user_id == viewer.user.id, profile.visibility.in_(widest)]
    if viewer.circle_id is not None:
        conditions.append(sa.and_(profile.visibility == Visibility.CIRCLE, CohortMember.circle_id == viewer.circle_id))
    return sa.or_(*conditions)


@dataclass(frozen=True)
class Person:
    user: User
    circle_number: int | None
    presences: dict[str, str]  # platform -> address
    shown_as: ShownAs
    is_me: bool


def visible_people(viewer: Viewer, cohort: Cohort) -> list[Person]:
    """The active members of ``cohort`` who chose to be seen by ``viewer``, by name, with their presences."""
    profile = aliased(NetworkProfile)
    rows = db.session.execute(
        sa.select(CohortMember, profile.shown_as).join(User, User.id == CohortMember.user_id)
        .join(profile, profile.user_id == CohortMember.user_id)
        .where(CohortMember.cohort_id == cohort.id, User.active.is_(True), visible_condition(viewer, profile))
        .options(joinedload(CohortMember.user), joinedload(CohortMember.circle))
        .order_by(User.name, User.id)
    ).all()
    ids = [member.user_id for member, _shown in rows]
    presences: dict[int, dict[str, str]] = {user_id: {} for user_id in ids}
    for presence in db.session.scalars(sa.select(Presence).where(Presence.user_id.in_(ids))):
        presences[presence.user_id][presence.platform] = presence.address
    return [Person(member.user, member.circle.number if member.circle else None, presences[member.user_id], shown,
                   member.user_id == viewer.user.id) for member, shown in rows]


def presences_of(user: User) -> dict[str, str]:
    return {p.platform: p.address for p in db.session.scalars(sa.select(Presence).where(Presence.user_id == user.id))}


def profile_of(user: User) -> NetworkProfile | None:
    return db.session.get(NetworkProfile, user.id)


def followed_ids(user: User) -> set[int]:
    return set(db.session.scalars(sa.select(FollowMark.followed_id).where(FollowMark.user_id == user.id)))


def replied_ids(user: User, publication_ids: list[int]) -> set[int]:
    return set(db.session.scalars(sa.select(ReplyMark.publication_id).where(
        ReplyMark.user_id == user.id, ReplyMark.publication_id.in_(publication_ids))))


@dataclass(frozen=True)
class FeedItem:
    publication: Publication
    shown_as: ShownAs
    author_address: str | None  # the author's presence on the post's platform


def _feed_statement(cohort: Cohort, limit: int) -> sa.Select:
    presence = aliased(Presence)
    return (
        sa.select(Publication, sa.func.coalesce(NetworkProfile.shown_as, ShownAs.NAME.value), presence.address)
        .join(User, User.id == Publication.user_id)
        .outerjoin(NetworkProfile, NetworkProfile.user_id == Publication.user_id)
        .outerjoin(presence, sa.and_(presence.user_id == Publication.user_id, presence.platform == Publication.platform))
        .where(Publication.cohort_id == cohort.id, User.active.is_(True))
        .options(joinedload(Publication.author))
        .order_by(Publication.published_at.desc(), Publication.id.desc()).limit(limit)
    )


def _items(statement: sa.Select) -> list[FeedItem]:
    return [FeedItem(publication, ShownAs(shown), address) for publication, shown, address in db.session.execute(statement)]


def feed(cohort: Cohort, *, limit: int, offset: int = 0) -> list[FeedItem]:
    """The cohort's published posts, newest first, from the ``offset``-th on."""
    return _items(_feed_statement(cohort, limit).offset(offset))


def to_support(user: User, cohort: Cohort, *, limit: int) -> list[FeedItem]:
    """Colleagues' posts in the feed that ``user`` has not ticked as answered yet, newest first."""
    answered = sa.select(ReplyMark.publication_id).where(ReplyMark.user_id == user.id)
    return _items(_feed_statement(cohort, limit).where(Publication.user_id != user.id,
                                                       Publication.id.not_in(answered)))


def publications_of(user: User, draft_id: int) -> list[Publication]:
    return list(db.session.scalars(sa.select(Publication).where(
        Publication.user_id == user.id, Publication.draft_id == draft_id).order_by(Publication.published_at)))


def get_publication_or_404(user: User, publication_id: int) -> Publication:
    """A publication in a cohort of one of ``user``'s organisations; 404 otherwise."""
    statement = sa.select(Publication).join(Cohort, Cohort.id == Publication.cohort_id).where(
        Publication.id == publication_id)
    allowed = organisation_ids_for(user)
    if allowed is not None:
        statement = statement.where(Cohort.organisation_id.in_(allowed))
    return db.first_or_404(statement)


def get_own_publication_or_404(user: User, publication_id: int) -> Publication:
    return db.first_or_404(sa.select(Publication).where(Publication.id == publication_id,
                                                        Publication.user_id == user.id))
