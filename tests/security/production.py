"""The production environment as docs/deploy.md documents it, for tests.

The tests read the example environment file out of the documentation, so the
documented configuration is the tested one and the two cannot drift apart.
"""

import os
import re
import runpy
import secrets
from pathlib import Path
from typing import Any
from unittest import mock

from django.conf import global_settings, settings

DEPLOY_DOC = Path(settings.BASE_DIR) / "docs" / "deploy.md"
SETTINGS_FILE = Path(settings.BASE_DIR) / "netzwerk" / "settings.py"

# The settings that decide how the portal answers over HTTPS.
SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
]


def deploy_env() -> dict[str, str]:
    """The variables of the environment file in docs/deploy.md, with a fresh random SECRET_KEY."""
    text = DEPLOY_DOC.read_text(encoding="utf-8")
    section = text.split("## 3. Environment file", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "docs/deploy.md: no ```sh block with the environment file in section 3"
    env = {}
    for line in block.group(1).splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    # The documentation shows how to make the key; the test makes one.
    assert env.get("SECRET_KEY", "").startswith("<"), "docs/deploy.md should show how to make SECRET_KEY"
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    return env


def production_settings() -> dict[str, Any]:
    """The security settings that netzwerk/settings.py makes of the documented environment."""
    with mock.patch.dict(os.environ, deploy_env(), clear=True):
        values = runpy.run_path(str(SETTINGS_FILE))
    # A setting left out of settings.py has Django's default.
    return {name: values.get(name, getattr(global_settings, name)) for name in SECURITY_SETTINGS}
