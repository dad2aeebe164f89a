"""The site refuses to start on an invalid register (runserver, migrate and the WSGI entry run this)."""

from typing import Any

from django.core.checks import CheckMessage, Error, Warning, register

from tutela.register.api import RegisterInvalid, check_files, register_dir


@register("register")
def register_valid(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problems = check_files(sorted(register_dir().glob("*.yaml")))
    messages: list[CheckMessage] = []
    for problem in problems:
        kind = Error if problem.severity == "error" else Warning
        messages.append(kind(str(problem), id=f"register.{'E' if kind is Error else 'W'}001"))
    return messages


def register_or_die() -> None:
    """For servers that skip Django's checks (WSGI): load the register or stop with its errors."""
    from tutela.register.api import register as current_register

    try:
        current_register()
    except RegisterInvalid as invalid:
        raise SystemExit(f"The register is invalid; Tutela will not start:\n{invalid}") from invalid
