"""What consent tells the parts above it (they connect receivers at start-up; consent calls nobody up)."""

from django.dispatch import Signal

# A consent was withdrawn, inside the withdrawal's transaction: argument consent. Casework flags the
# open cases that rested on it (tutela.casework.flag_hooks).
consent_withdrawn = Signal()

# An objection was raised, inside its transaction: arguments objection, actor, purpose (the purpose's
# description). Casework flags the person's open cases of the service (tutela.casework.flag_hooks).
objection_raised = Signal()
