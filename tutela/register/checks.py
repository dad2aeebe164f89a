"""The site refuses to start on an invalid register (runserver, migrate and the WSGI entry run this)."""

from typing import Any

from django.core.checks import CheckMessage, Error, Warning, register
from django.utils.module_loading import autodiscover_modules

from tutela.register.api import RegisterInvalid, check_files, register_dir
from tutela.register.declared import missing_from


@register("register")
def register_valid(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problems = check_files(sorted(register_dir().glob("*.yaml")))
    messages: list[CheckMessage] = []
    for problem in problems:
        kind = Error if problem.severity == "error" else Warning
        messages.append(kind(str(problem), id=f"register.{'E' if kind is Error else 'W'}001"))
    return messages


@register("register")
def declared_keys_exist(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Every purpose and category key code names (``tutela/<app>/categories.py``) is in the register.

    The declaration modules are found as Django's admin finds ``admin.py``, so this module imports
    nothing above the register."""
    from tutela.register.api import register as current_register

    autodiscover_modules("categories")
    try:
        registers = current_register()
    except RegisterInvalid:
        return []  # register_valid reports the register's own problems
    return [Error(str(missing), id="register.E002") for missing in missing_from(registers)]


def register_or_die() -> None:
    """For servers that skip Django's checks (WSGI): load the register or stop with its errors."""
    from tutela.register.api import register as current_register

    try:
        current_register()
    except RegisterInvalid as invalid:
        raise SystemExit(f"The register is invalid; Tutela will not start:\n{invalid}") from invalid
