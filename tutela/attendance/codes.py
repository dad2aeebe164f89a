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

# What each code means, for the calendar's key: SI 2024/208 reg 10, with the statistical classes of
# shared/design/domain/attendance.md section 1.3 (the classes themselves are data: AttendanceClasses).
CODE_MEANINGS = {
    "/": "present (morning)",
    "\\": "present (afternoon)",
    "L": "late, arrived before the register closed",
    "K": "attending provision arranged by the local authority",
    "V": "educational visit or trip",
    "P": "approved sporting activity",
    "W": "work experience",
    "B": "other approved educational activity",
    "C": "leave of absence in exceptional circumstances",
    "C1": "leave for a regulated performance or employment abroad",
    "C2": "part-time timetable",
    "M": "medical or dental appointment",
    "J1": "interview",
    "S": "study leave",
    "T": "parent travelling for occupational purposes",
    "R": "religious observance",
    "I": "illness",
    "E": "suspended or excluded, no alternative provision",
    "G": "holiday not granted by the school",
    "N": "reason not yet established",
    "O": "absent in other or unknown circumstances",
    "U": "arrived after the register closed",
    "Q": "unable to attend: lack of access arrangements",
    "Y1": "unable to attend: transport not available",
    "Y2": "unable to attend: widespread travel disruption",
    "Y3": "unable to attend: part of the premises closed",
    "Y4": "unable to attend: whole site unexpectedly closed",
    "Y5": "unable to attend: in criminal justice detention",
    "Y6": "unable to attend: public health guidance or law",
    "Y7": "unable to attend: other unavoidable cause",
    "X": "not of compulsory school age, not required to attend",
    "D": "dual registered, at the other school",
    "Z": "prospective pupil, not on roll",
    "#": "planned school closure",
}


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
