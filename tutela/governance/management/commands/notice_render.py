"""Render one service's privacy notice from the register, as HTML, PDF or Markdown."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tutela.governance.publication import notice_change_log
from tutela.register.api import RegisterInvalid, register
from tutela.register.notices import notice_build, notice_pdf, notice_render


class Command(BaseCommand):
    help = "Render a service's privacy notice (full, or --young-people) as html, pdf or md."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--controller", required=True, help="Controller key, e.g. wigan.")
        parser.add_argument("--service", required=True, help="Service key, e.g. engagement-centres.")
        parser.add_argument("--format", required=True, choices=["html", "pdf", "md"])
        parser.add_argument("--out", required=True, type=Path, help="File to write.")
        parser.add_argument("--young-people", action="store_true", help="The short version for young people.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            registers = register()
            notice = notice_build(registers=registers, controller=options["controller"], service=options["service"])
        except (LookupError, RegisterInvalid) as problem:
            raise CommandError(str(problem)) from problem
        notice.changes.extend(
            notice_change_log(registers=registers, controller=options["controller"], service=options["service"])
        )
        out: Path = options["out"]
        young = options["young_people"]
        if options["format"] == "pdf":
            out.write_bytes(notice_pdf(notice=notice, young_people=young))
        else:
            out.write_text(notice_render(notice=notice, format=options["format"], young_people=young), encoding="utf-8")
        self.stdout.write(f"Wrote {out}")
