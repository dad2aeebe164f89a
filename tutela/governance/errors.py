"""Errors that services raise when the gate refuses or input is invalid."""

from tutela.governance.gate import Decision


class GateDenied(Exception):
    """The gate refused; the refusal is already in the audit log.

    A page view lets it propagate: ``tutela.web.middleware.RefusalMiddleware`` answers it, in one
    place, with the 403 page that says why (and the API with its JSON 403).
    """

    def __init__(self, decision: Decision) -> None:
        self.decision = decision
        super().__init__("; ".join(decision.reasons))

    @property
    def subject_id(self) -> int | None:
        """The person the refusal is about, where the gate knew it."""
        return self.decision.subject_id
