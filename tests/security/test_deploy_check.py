"""`manage.py check --deploy` with the production environment of docs/deploy.md: not one warning."""

import os
import subprocess
import sys

from django.conf import settings

from .production import deploy_env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    # Only the documented variables, not the test run's own (DEBUG, DATABASE_URL, ...).
    base = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return subprocess.run(  # noqa: S603 -- our own manage.py, with our own interpreter
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_environment_passes_check_deploy():
    env = deploy_env()
    # The documented file must say what production needs; an empty parse would prove nothing.
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "BEHIND_PROXY", "SECURE_SSL_REDIRECT", "SECURE_HSTS_PRELOAD"):
        assert name in env, f"docs/deploy.md's environment file lacks {name}"
    assert "DEBUG" not in env, "docs/deploy.md: DEBUG must stay unset in production"

    result = check_deploy(env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_without_preload_only_the_documented_warning_remains():
    """docs/deploy.md says: leave SECURE_HSTS_PRELOAD out and accept the one warning (security.W021)."""
    env = deploy_env()
    del env["SECURE_HSTS_PRELOAD"]

    result = check_deploy(env)

    assert result.returncode != 0
    assert "security.W021" in result.stderr
    assert "1 issue" in result.stderr, result.stderr


def test_debug_or_the_development_key_fail_check_deploy():
    for change in ({"DEBUG": "1"}, {"SECRET_KEY": ""}):
        result = check_deploy({**deploy_env(), **change})
        assert result.returncode != 0, change
