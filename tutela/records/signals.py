"""What records tells the parts above it (they connect receivers at start-up; records calls nobody up)."""

from django.dispatch import Signal

# A record's processing was restricted: arguments record, actor, reason. Casework flags the record's
# open case for its worker's decision (tutela.casework.flag_hooks).
record_restricted = Signal()
