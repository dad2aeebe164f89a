"""Errors that services raise when the gate refuses or input is invalid."""

from tutela.governance.gate import Decision


class GateDenied(Exception):
    """The gate refused; the refusal is already in the audit log."""

    def __init__(self, decision: Decision) -> None:
        self.decision = decision
        super().__init__("; ".join(decision.reasons))


class InvalidInput(Exception):
    """Bad input, by field; nothing was written."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
