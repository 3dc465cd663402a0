"""The test settings, with mail sent over SMTP to the test's own sink (TEST_SMTP_PORT)."""

import os

from sanctuary.settings_test import *  # noqa: F403

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": int(os.environ["TEST_SMTP_PORT"]), "timeout": 30},
    }
}
