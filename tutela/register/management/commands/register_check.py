"""Validate register files and print each problem as ``file:line: message``.

With no paths, checks every file under REGISTER_DIR. Exits 1 if any error is found; warnings
(such as an agreement past its review date) are printed but do not fail the check.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tutela.register.api import check_files, register_dir


class Command(BaseCommand):
    help = "Validate register YAML files; print problems as file:line: message; exit 1 on errors."
    # This command must run even when the register is broken: it is how the breakage is shown.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="Register files (default: all of REGISTER_DIR).")

    def handle(self, *args: Any, paths: list[Path], **options: Any) -> None:
        files = paths or sorted(register_dir().glob("*.yaml"))
        missing = [path for path in files if not path.exists()]
        if missing:
            raise CommandError(f"no such file: {', '.join(map(str, missing))}", returncode=2)
        problems = check_files(files)
        for problem in problems:
            self.stdout.write(str(problem))
        errors = sum(problem.severity == "error" for problem in problems)
        warnings = len(problems) - errors
        summary = f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)"
        if errors:
            raise CommandError(summary, returncode=1)
        self.stdout.write(summary)
