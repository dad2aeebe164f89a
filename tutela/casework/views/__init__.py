"""The casework kit's pages, one module per area: intake and triage, the case, flags."""
