"""Tutela: the records system whose register of processing is the law of the system."""
