"""Settings for the test suite: the real settings module in test mode."""

import os

os.environ.setdefault("TUTELA_MODE", "test")

from tutela.settings import *  # noqa: F403

# Argon2 is deliberately slow; tests sign in hundreds of times. Production's hasher is pinned by
# tutela/web/tests/test_settings_posture.py.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Background tasks run at once in tests, so their effects can be asserted directly.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
