"""Errors any part may raise."""


class InvalidInput(Exception):
    """Bad input, by field; nothing was written."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
