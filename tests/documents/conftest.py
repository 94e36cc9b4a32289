"""The documents tests use the extract tests' register: a house with a deed and a mortgage."""

import pytest
from django.contrib.auth.models import User

from accounts.models import Role
from accounts.testing import make_user
from cadastre.models import Source
from documents.demo import demo_scan_pdf
from documents.services import source_file_attach
from tests.extracts.conftest import (  # noqa: F401 - fixtures
    Register,
    citizen,
    neighbour,
    notary,
    register,
    registrar,
)


@pytest.fixture
def filed_deed(register: Register) -> Source:  # noqa: F811 - the imported fixture
    """The house's deed with a PDF scan stored under MEDIA_ROOT."""
    content = demo_scan_pdf(register.deed, cadastral_numbers=[register.house.cadastral_number])
    return source_file_attach(actor=None, source=register.deed, content=content)


@pytest.fixture
def makon_admin(db) -> User:
    return make_user("admin", roles=[Role.ADMIN])
