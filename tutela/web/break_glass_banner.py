"""The break-glass banner: while a grant is in force, every page about its person says so.

Which person a page is about is read from its URL, so a new page about a person (by any of
these keys) carries the banner without being told. One query per page for a signed-in user
(their grants in force); the page's people are looked up only when there is one.
"""

from collections.abc import Callable

from django.apps import apps
from django.http import HttpRequest

from tutela.accounts.models import User
from tutela.governance.models import BreakGlassGrant
from tutela.governance.selectors import break_glass_active


def _subject_of(model: str, field: str) -> Callable[[int], set[int]]:
    def look_up(pk: int) -> set[int]:
        found = apps.get_model(model).objects.filter(pk=pk).values_list(field, flat=True)
        return {subject for subject in found if subject is not None}

    return look_up


def _case_people(pk: int) -> set[int]:
    return _subject_of("casework.Case", "child_id")(pk) | _subject_of("casework.Case", "family__id")(pk)


# URL keyword -> the people a page with it is about
_PAGE_SUBJECTS: dict[str, Callable[[int], set[int]]] = {
    "person_id": lambda pk: {pk},
    "record_id": _subject_of("records.Record", "subject_id"),
    "case_id": _case_people,
    "consent_id": _subject_of("consent.Consent", "subject_id"),
    "referral_id": _subject_of("casework.Referral", "child_id"),
    "notice_id": _subject_of("enforcement.PenaltyNotice", "child_id"),
    "prosecution_id": lambda pk: _case_people(next(iter(_subject_of("enforcement.Prosecution", "case_id")(pk)), 0)),
}


def page_subject_ids(request: HttpRequest) -> set[int]:
    match = request.resolver_match
    kwargs = match.kwargs if match is not None else {}
    subjects: set[int] = set()
    for key, look_up in _PAGE_SUBJECTS.items():
        if isinstance(kwargs.get(key), int):
            subjects |= look_up(kwargs[key])
    return subjects


def break_glass_banners(request: HttpRequest) -> list[BreakGlassGrant]:
    """The signed-in user's grants in force on the people this page is about."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return []
    grants = break_glass_active(actor=user)
    if not grants:
        return []
    subjects = page_subject_ids(request)
    return [grant for grant in grants if grant.subject_id in subjects]
