"""Load synthetic, reproducible demo data: controllers, teams, users, schools, families, their cases
and, for Dudley's Education Support Service, attendance enforcement at every stage."""

import logging
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tutela.demo.services import DEMO_PASSWORD, demo_world_build


class Command(BaseCommand):
    help = (
        "Create or refresh the synthetic demo world. The same --seed and --children always give the "
        "same people; running it twice changes nothing. Never loads real data."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--children", type=int, default=200, help="How many children (default 200).")

    def handle(self, *args: Any, seed: int, children: int, **options: Any) -> None:
        if children < 0 or children > 100_000:
            raise CommandError("--children must be between 0 and 100000")

        def progress(done: int) -> None:
            self.stdout.write(f"  {done} of {children} children generated", ending="\r")

        # WeasyPrint logs every step of every letter at INFO; the demo's letters need no commentary.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        try:
            summary = demo_world_build(seed=seed, children=children, progress=progress)
        except ValueError as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(
            f"Demo world ready: {summary.schools} schools, {summary.children} children, {summary.parents} parents, "
            f"{summary.cases} cases, {summary.records} records."
        )
        if summary.enforcement_cases or summary.referrals:
            self.stdout.write(
                f"Dudley's Education Support Service: {summary.referrals} school referrals and "
                f"{summary.enforcement_cases} attendance enforcement cases, a family at every stage."
            )
        for service, (referrals, cases) in summary.services.items():
            self.stdout.write(f"{service}: {referrals} referrals and {cases} cases through the casework kit.")
        self.stdout.write(f"\nDemo users (every password is {DEMO_PASSWORD}):")
        width = max(len(user.username) for user in summary.users)
        for user in summary.users:
            self.stdout.write(f"  {user.username.ljust(width)}  {user.role}, {user.controller}")
