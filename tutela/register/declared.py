"""The register's keys that code must name, declared once and checked against the register at start-up.

Most code reads purposes and categories from the register (what a purpose covers, which categories
are special). Some must name one: the enforcement steps touch a parent's name and address, a sharing
payload maps each category to its column. Each app names those keys in one module,
``tutela/<app>/categories.py``, through ``category`` and ``purpose`` here, and nowhere else
(``tutela/web/tests/test_category_keys_named_once.py`` scans for literals elsewhere). The system
check in ``tutela.register.checks`` imports every such module (as the admin discovers ``admin.py``)
and stops the site if a declared key is not in the register, so a renamed category cannot leave code
asking the gate about a category that no longer exists.
"""

import sys
from dataclasses import dataclass

from tutela.register.api import RegisterSet

# The modules that declared each key, for the check's message.
_CATEGORIES: dict[str, set[str]] = {}
_PURPOSES: dict[tuple[str, str], set[str]] = {}


@dataclass(frozen=True, slots=True)
class Undeclared:
    key: str
    module: str
    what: str

    def __str__(self) -> str:
        return f"{self.module} names {self.what} '{self.key}', which the register does not hold"


def _caller() -> str:
    return str(sys._getframe(2).f_globals.get("__name__", "?"))


def category(key: str) -> str:
    """A category key of the taxonomy, declared by the module that names it."""
    _CATEGORIES.setdefault(key, set()).add(_caller())
    return key


def purpose(service: str, key: str) -> str:
    """A purpose key of a service (in whichever controller's register holds the service)."""
    _PURPOSES.setdefault((service, key), set()).add(_caller())
    return key


def service(key: str) -> str:
    """A service key: declared as the purpose '' of that service, checked only for the service."""
    _PURPOSES.setdefault((key, ""), set()).add(_caller())
    return key


def declared_categories() -> dict[str, set[str]]:
    """Each declared category key, with the modules that name it."""
    return {key: set(modules) for key, modules in _CATEGORIES.items()}


def missing_from(registers: RegisterSet) -> list[Undeclared]:
    """Every declared key the register does not hold."""
    known = {category.key for category in registers.taxonomy.categories}
    missing = [Undeclared(key, _names(modules), "category") for key, modules in _CATEGORIES.items() if key not in known]
    services: dict[str, set[str]] = {}
    for register in registers.registers.values():
        for entry in register.services:
            services.setdefault(entry.key, set()).update(p.key for p in entry.purposes)
    for (service_key, purpose_key), modules in _PURPOSES.items():
        if service_key not in services:
            missing.append(Undeclared(service_key, _names(modules), "service"))
        elif purpose_key and purpose_key not in services[service_key]:
            missing.append(Undeclared(f"{service_key}/{purpose_key}", _names(modules), "purpose"))
    return missing


def _names(modules: set[str]) -> str:
    return " and ".join(sorted(modules))
