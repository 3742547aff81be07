"""Development settings: mail links follow the port `make run` serves on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _site_url(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HOST", "PORT"}} | {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); "
         "from django.conf import settings; print(settings.SITE_URL)"],
        cwd=REPO, env=environment, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8200"}, "http://127.0.0.1:8200"),
        ({"HOST": "0.0.0.0", "PORT": "8300"}, "http://127.0.0.1:8300"),  # noqa: S104
        ({"HOST": "localhost", "PORT": "8200"}, "http://localhost:8200"),
        ({"PORT": "8200", "SITE_URL": "https://tunnel.example/"}, "https://tunnel.example"),
    ],
)
def test_development_site_url_follows_host_and_port(env, expected):
    assert _site_url(**env) == expected
