"""The site's URLs plus stand-ins for the pages the case page links to that other parts build (the
consent pages, a flag's page), for a test run before those parts are merged. ``neighbour_pages``
uses it only while those names do not resolve: once they do, the real site is tested."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from tutela import urls as site
from tutela.casework import urls as casework


def _stand_in(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("stand-in")


_casework = ([*casework.urlpatterns, path("flags/<int:flag_id>/", _stand_in, name="flag")], "casework")
_consent = (
    [
        path("people/<int:person_id>/consents/new/", _stand_in, name="new"),
        path("consents/<int:consent_id>/withdraw/", _stand_in, name="withdraw"),
    ],
    "consent",
)


def _not_casework(entry: URLPattern | URLResolver) -> bool:
    return not (isinstance(entry, URLResolver) and entry.namespace == "casework")


urlpatterns = [
    *(entry for entry in site.urlpatterns if _not_casework(entry)),
    path("", include(_casework)),
    path("", include(_consent)),
]
handler403 = site.handler403
handler404 = site.handler404
handler500 = site.handler500
