"""Attendance codes (SI 2024/208 reg 10) and the class each counts in, with the shipped defaults.

Sources and disagreements: shared/design/domain/attendance.md section 1.3. The classes are data
(``AttendanceClasses``) so a controller can change them; these are the defaults.
"""

from dataclasses import dataclass

PRESENT = frozenset({"/", "\\", "L"})
APPROVED_ACTIVITY = frozenset({"K", "V", "P", "W", "B"})  # counts as attendance
AUTHORISED = frozenset({"C", "C1", "C2", "M", "J1", "S", "T", "R", "I", "E"})
UNAUTHORISED = frozenset({"G", "N", "O", "U"})
NOT_POSSIBLE = frozenset({"Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "X", "D"})
ADMINISTRATIVE = frozenset({"Z", "#"})
# The national framework (from 19 August 2024) counts these towards the penalty-notice threshold.
PENALTY_NOTICE_CODES = frozenset({"G", "N", "O", "U"})


@dataclass(frozen=True)
class AttendanceClasses:
    present: frozenset[str] = PRESENT
    approved_activity: frozenset[str] = APPROVED_ACTIVITY
    authorised: frozenset[str] = AUTHORISED
    unauthorised: frozenset[str] = UNAUTHORISED
    not_possible: frozenset[str] = NOT_POSSIBLE
    administrative: frozenset[str] = ADMINISTRATIVE
    penalty_notice: frozenset[str] = PENALTY_NOTICE_CODES

    @property
    def attended(self) -> frozenset[str]:
        return self.present | self.approved_activity

    @property
    def possible(self) -> frozenset[str]:
        return self.attended | self.authorised | self.unauthorised

    @property
    def known(self) -> frozenset[str]:
        return self.possible | self.not_possible | self.administrative


DEFAULT_CLASSES = AttendanceClasses()
