"""Settings for `make bench`: production mode plus the harness's baseline URL.

The benchmark database, Redis and secrets are set by bench/run.py in the environment.
"""

from sanctuary.settings import *  # noqa: F403
from sanctuary.settings import INSTALLED_APPS, TEMPLATES

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
TEMPLATES = [{**TEMPLATES[0]}]
# Loopback without TLS: the load generator says it came through an HTTPS proxy instead.
SECURE_SSL_REDIRECT = False
