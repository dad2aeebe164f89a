"""Import a finance file of penalty-notice payments: python manage.py penalty_payments_import FILE --user NAME.

CSV header: reference,amount,received_on,method (amount in pounds, e.g. 80.00; date YYYY-MM-DD).
All or nothing: any bad line stops the import and every problem is listed as "line N: message".
"""

import csv
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tutela.enforcement.services import PaymentLine, penalty_payments_import
from tutela.governance.errors import GateDenied, InvalidInput
from tutela.governance.models import User

HEADER = ["reference", "amount", "received_on", "method"]


def read_lines(path: Path) -> list[PaymentLine]:
    problems: list[str] = []
    lines: list[PaymentLine] = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        if next(reader, None) != HEADER:
            raise CommandError(f"line 1: the header must be exactly {','.join(HEADER)}")
        for number, row in enumerate(reader, start=2):
            if len(row) != len(HEADER):
                problems.append(f"line {number}: expected {len(HEADER)} values, found {len(row)}")
                continue
            reference, amount, received, method = (value.strip() for value in row)
            try:
                pence = int(Decimal(amount) * 100)
            except InvalidOperation:
                problems.append(f"line {number}: '{amount}' is not an amount in pounds")
                continue
            try:
                received_on = date.fromisoformat(received)
            except ValueError:
                problems.append(f"line {number}: '{received}' is not a date (YYYY-MM-DD)")
                continue
            lines.append(PaymentLine(number, reference, pence, received_on, method))
    if problems:
        raise CommandError("\n".join(problems))
    return lines


class Command(BaseCommand):
    help = "Import penalty-notice payments from a finance CSV (reference,amount,received_on,method), all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="The officer recording the payments (username).")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["user"]).first()
        if actor is None:
            raise CommandError(f"No user called {options['user']}")
        lines = read_lines(options["file"])
        try:
            count = penalty_payments_import(actor=actor, lines=lines)
        except InvalidInput as invalid:
            raise CommandError("\n".join(invalid.errors.values())) from invalid
        except GateDenied as denied:
            raise CommandError("; ".join(denied.decision.reasons)) from denied
        self.stdout.write(f"{count} payments recorded")
