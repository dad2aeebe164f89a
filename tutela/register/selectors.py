"""Reading publications: the change log a notice shows."""

from tutela.governance.models import RegisterPublication
from tutela.register.api import RegisterSet, register
from tutela.register.changes import change_words
from tutela.register.notices import Notice, notice_build
from tutela.register.schema import Register, Service


def notice_change_log(*, registers: RegisterSet, controller: str, service: str) -> list[dict[str, object]]:
    """Each publication that changed this service, newest first, with its changes in words."""
    labels = {category.key: category.label for category in registers.taxonomy.categories}
    log = []
    for publication in RegisterPublication.objects.filter(controller_key=controller).order_by("-version"):
        items = [change_words(change, labels) for change in publication.changes if change["service"] == service]
        if items:
            log.append({"version": publication.version, "published_at": publication.published_at, "items": items})
    return log


def publications_latest() -> dict[str, RegisterPublication]:
    latest: dict[str, RegisterPublication] = {}
    for publication in RegisterPublication.objects.order_by("controller_key", "-version"):
        latest.setdefault(publication.controller_key, publication)
    return latest


def notice_with_change_log(*, controller: str, service: str) -> Notice:
    """The current notice of a service, with its change log; LookupError if there is no such service."""
    registers = register()
    notice = notice_build(registers=registers, controller=controller, service=service)
    notice.changes.extend(notice_change_log(registers=registers, controller=controller, service=service))
    return notice


def notices_index() -> list[tuple[Register, list[Service]]]:
    """Every controller with its services, for the public list of privacy notices."""
    registers = register()
    return [(found, list(found.services)) for _key, found in sorted(registers.registers.items())]
