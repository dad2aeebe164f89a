"""Identifiers of children in English education and health: the UPN and the NHS number.

Structure and check letter: DfE UPN guide, summarised in shared/design/domain/returns.md §4.
The check letter comes from python-stdnum's ``calc_check_digit``; its ``validate()`` is not used
because its 2011 list of LA codes rejects genuine UPNs of newer authorities.
"""

import re

from stdnum import exceptions as stdnum_errors
from stdnum.gb import nhs as stdnum_nhs
from stdnum.gb import upn as stdnum_upn

# Character 1 is the check letter; 2-12 digits; 13 a digit, or a letter (not I, O, S) for a
# temporary UPN.
_UPN_SHAPE = re.compile(r"^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$")


def upn_check_letter(body: str) -> str:
    """The check letter for the last 12 characters of a UPN."""
    return str(stdnum_upn.calc_check_digit(body))


def upn_build(*, la_code: str, establishment: str, year: int, serial: int) -> str:
    """A permanent UPN from its parts: LA number, DfE establishment number, issue year, serial."""
    body = f"{int(la_code):03d}{int(establishment):04d}{year % 100:02d}{serial:03d}"
    return upn_check_letter(body) + body


def upn_problem(value: str) -> str | None:
    """Why ``value`` is not a well-formed UPN, or None when it is."""
    if len(value) != 13:
        return "A UPN is 13 characters long"
    if not _UPN_SHAPE.match(value):
        return "A UPN is a letter, 11 digits, then a digit or letter (not I, O or S)"
    if upn_check_letter(value[1:]) != value[0]:
        return "The UPN's check letter does not match its digits"
    return None


def nhs_number_problem(value: str) -> str | None:
    """Why ``value`` is not a valid NHS number (10 digits, modulus 11 check), or None."""
    try:
        stdnum_nhs.validate(value)
    except stdnum_errors.InvalidLength:
        return "An NHS number is 10 digits long"
    except stdnum_errors.InvalidFormat:
        return "An NHS number contains only digits"
    except stdnum_errors.InvalidChecksum:
        return "The NHS number's check digit does not match (check for a typing mistake)"
    return None


def nhs_number_compact(value: str) -> str:
    return str(stdnum_nhs.compact(value))


def nhs_number_build(nine_digits: str) -> str:
    """A valid NHS number from nine digits, for synthetic data; digits whose check would be 10 are refused."""
    check = (11 - sum(int(digit) * (10 - index) for index, digit in enumerate(nine_digits)) % 11) % 11
    if check == 10:
        raise ValueError(f"{nine_digits} has no valid NHS check digit")
    return nine_digits + str(check)
