"""Reading sums of money typed by people or sent in finance files: pounds and pence only.

One parser for every way money comes in (the payment form, the payments import), so that "1e5",
"0.999", "NaN" or "Infinity" can never become a payment. Amounts are held as whole pence (int).
"""

import re

# Pounds, with or without thousands commas, then optionally one or two digits of pence.
# ASCII digits only: Python's \d and int() also accept other scripts' digits.
_AMOUNT = re.compile(r"£?(?P<pounds>[0-9]{1,9}|[0-9]{1,3}(?:,[0-9]{3}){1,2})(?:\.(?P<pence>[0-9]{1,2}))?", re.ASCII)

# Under £10 million keeps every amount within a 32-bit integer of pence, the column payments are
# stored in, and is far above any sum Tutela records.
MAX_PENCE = 999_999_999


def pence_from_pounds(text: str) -> int:
    """Whole pence from an amount such as ``12``, ``12.5``, ``£12.50`` or ``1,250.00``.

    Raises ``ValueError`` with a sentence for the person who typed it.
    """
    found = _AMOUNT.fullmatch(text.strip())
    if found is None:
        raise ValueError("Enter an amount in pounds and pence, like 80 or 80.00")
    pounds = int(found["pounds"].replace(",", ""))
    pence = pounds * 100 + int((found["pence"] or "0").ljust(2, "0"))
    if pence > MAX_PENCE:
        raise ValueError(f"Enter an amount of no more than {pounds_from_pence(MAX_PENCE)}")
    return pence


def pounds_from_pence(pence: int) -> str:
    """The amount as people write it: ``£1,250.00``."""
    sign = "-" if pence < 0 else ""
    return f"{sign}£{abs(pence) // 100:,}.{abs(pence) % 100:02d}"
