"""Production refuses to start without a real secret, and turns on every transport protection."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps({"
    "'secure_cookie': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE, 'hsts': s.SECURE_HSTS_SECONDS,"
    "'ssl_redirect': s.SECURE_SSL_REDIRECT, 'hasher': s.PASSWORD_HASHERS[0], 'debug': s.DEBUG}))"
)


def _run(env_overrides: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "TUTELA_MODE", "TUTELA_MASTER_KEY", "TUTELA_MASTER_KEY_FILE"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "tutela.settings", "TUTELA_VAR_DIR": str(tmp_path), **env_overrides})
    return subprocess.run(  # noqa: S603 -- our own interpreter and a fixed script
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = _run({}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_with_a_short_secret_key_refuses_to_start(tmp_path):
    result = _run({"SECRET_KEY": "short", "TUTELA_MASTER_KEY": MASTER_KEY}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


MASTER_KEY = "A" * 43  # 32 zero bytes, base64: only ever a test value


def test_production_without_a_master_key_refuses_to_start(tmp_path):
    result = _run({"SECRET_KEY": "x" * 64}, tmp_path)
    assert result.returncode != 0
    assert "Set TUTELA_MASTER_KEY" in result.stderr


def test_production_turns_on_secure_cookies_hsts_and_https(tmp_path):
    result = _run({"SECRET_KEY": "x" * 64, "TUTELA_MASTER_KEY": MASTER_KEY}, tmp_path)
    assert result.returncode == 0, result.stderr
    posture = json.loads(result.stdout)
    assert posture == {
        "secure_cookie": True,
        "csrf_secure": True,
        "hsts": 31_536_000,
        "ssl_redirect": True,
        "hasher": "django.contrib.auth.hashers.Argon2PasswordHasher",
        "debug": False,
    }


@pytest.mark.parametrize("overrides", [{"TUTELA_MODE": "demo"}, {"DEBUG": "1"}])
def test_demo_and_debug_modes_start_without_a_secret(tmp_path, overrides):
    result = _run(overrides, tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["secure_cookie"] is False


def test_unknown_mode_is_refused(tmp_path):
    result = _run({"TUTELA_MODE": "staging"}, tmp_path)
    assert result.returncode != 0
    assert "TUTELA_MODE must be production, demo or test" in result.stderr
