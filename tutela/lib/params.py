"""Reading values out of query strings and form posts, where anything at all may arrive."""

# The largest id a database integer column holds (PostgreSQL bigint, SQLite INTEGER).
_LARGEST_ID = 2**63 - 1


def object_id(value: object) -> int | None:
    """A positive database id written in ASCII digits, or None for anything else.

    ``str.isdigit`` alone is not enough: it accepts "²" and other digits ``int()`` refuses.
    """
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= _LARGEST_ID else None
