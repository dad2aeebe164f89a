"""Where a dashboard's rows lead: a case's page (the kit's own, or the casework one) and the intake pages."""

from django.urls import reverse

from tutela.casework.kit import kit_for


def case_url(*, service: str, case_id: int) -> str:
    """A case's page: the service's own where its kit names one (ESS), the casework case page otherwise."""
    try:
        name = kit_for(service).case_url_name or "casework:case"
    except LookupError:
        name = "casework:case"
    return reverse(name, kwargs={"case_id": case_id})


def referral_url(*, referral_id: int) -> str:
    return reverse("casework:referral", kwargs={"referral_id": referral_id})


def refer_url() -> str:
    return reverse("casework:refer")
