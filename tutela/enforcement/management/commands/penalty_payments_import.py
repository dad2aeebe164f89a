"""Import a finance file of penalty-notice payments: python manage.py penalty_payments_import FILE --user NAME.

CSV header: reference,amount,received_on,method (amount in pounds and pence, e.g. 80 or 80.00, optionally
with a £ and thousands commas; date YYYY-MM-DD). All or nothing: any bad line stops the import and every
problem is listed as "line N: message". A repeated line (same reference, amount, date and method) is
refused; so is a payment of more than is outstanding on its notice, unless --allow-overpayments is given.
"""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tutela.accounts.models import User
from tutela.enforcement.services.payments_import import PaymentLine, penalty_payments_import
from tutela.governance.errors import GateDenied
from tutela.lib.csvfiles import CsvFileError, read_csv_table
from tutela.lib.errors import InvalidInput
from tutela.lib.money import pence_from_pounds

HEADER = ["reference", "amount", "received_on", "method"]


def read_lines(path: Path) -> list[PaymentLine]:
    try:
        rows = read_csv_table(path, columns=HEADER, exact=True)
    except CsvFileError as unreadable:
        raise CommandError("\n".join(unreadable.problems)) from None
    problems: list[str] = []
    lines: list[PaymentLine] = []
    for row in rows:
        reference, amount, received, method = (row.values[name].strip() for name in HEADER)
        try:
            pence = pence_from_pounds(amount)
        except ValueError:
            problems.append(f"line {row.line}: '{amount}' is not an amount in pounds and pence, like 80 or 80.00")
            continue
        try:
            received_on = date.fromisoformat(received)
        except ValueError:
            problems.append(f"line {row.line}: '{received}' is not a date (YYYY-MM-DD)")
            continue
        lines.append(PaymentLine(row.line, reference, pence, received_on, method))
    if problems:
        raise CommandError("\n".join(problems))
    return lines


class Command(BaseCommand):
    help = "Import penalty-notice payments from a finance CSV (reference,amount,received_on,method), all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="The officer recording the payments (username).")
        parser.add_argument(
            "--allow-overpayments",
            action="store_true",
            help="Record payments of more than is outstanding on their notice (to be refunded); refused without it.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["user"]).first()
        if actor is None:
            raise CommandError(f"No user called {options['user']}")
        lines = read_lines(options["file"])
        try:
            count = penalty_payments_import(actor=actor, lines=lines, allow_overpayments=options["allow_overpayments"])
        except InvalidInput as invalid:
            raise CommandError("\n".join(invalid.errors.values())) from invalid
        except GateDenied as denied:
            raise CommandError("; ".join(denied.decision.reasons)) from denied
        self.stdout.write(f"{count} payments recorded")
