"""Where a dashboard's rows lead: a case's page (the kit's own, or the casework one) and the intake pages.

Some of the pages linked to are built beside the dashboards and land with them; until a URL name
resolves, a link to it is left out ("") rather than breaking the page.
"""

from django.urls import NoReverseMatch, reverse

from tutela.casework.kit import kit_for


def url_or_blank(name: str, **kwargs: object) -> str:
    """The URL of a named page, or "" where the name does not resolve (yet)."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def case_url(*, service: str, case_id: int) -> str:
    """A case's page: the service's own where its kit names one (ESS), the casework case page otherwise."""
    try:
        name = kit_for(service).case_url_name or "casework:case"
    except LookupError:
        name = "casework:case"
    return url_or_blank(name, case_id=case_id)


def referral_url(*, referral_id: int) -> str:
    return url_or_blank("casework:referral", referral_id=referral_id)


def refer_url() -> str:
    return url_or_blank("casework:refer")
