"""Settings for the test suite: the same local PostGIS, a throwaway secret, fast hashing."""

import os

os.environ.setdefault("MAKON_SECRET_KEY", "test-only-secret-not-for-any-deployment")

from .base import *  # noqa: F403
from .base import BASE_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
