"""Register test fixtures live in the root conftest.py (register_copy is shared with other apps)."""
