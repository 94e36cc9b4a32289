"""Project-level guarantees: settings are safe by default, migrations match the models."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def _settings_probe(env: dict[str, str], expression: str) -> subprocess.CompletedProcess:
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.base'; "
        f"from django.conf import settings; print({expression})"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MAKON_")}
    return subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_settings_refuse_to_start_without_a_secret_key(tmp_path):
    missing = tmp_path / "no_such_key"
    result = _settings_probe({"MAKON_SECRET_KEY_FILE": str(missing)}, "settings.SECRET_KEY")
    assert result.returncode != 0
    assert "Set the environment variable MAKON_SECRET_KEY" in result.stderr
    empty = tmp_path / "empty_key"
    empty.write_text("\n")
    result = _settings_probe({"MAKON_SECRET_KEY_FILE": str(empty)}, "settings.SECRET_KEY")
    assert result.returncode != 0


def test_a_command_pasted_into_a_plain_shell_reads_the_generated_key(tmp_path):
    """bin/makon keeps the local key in a file; manage.py finds it without the variable."""
    key_file = tmp_path / "secret_key"
    key_file.write_text("generated-for-this-machine\n")
    result = _settings_probe({"MAKON_SECRET_KEY_FILE": str(key_file)}, "settings.SECRET_KEY")
    assert result.stdout.strip() == "generated-for-this-machine"
    variable = {"MAKON_SECRET_KEY_FILE": str(key_file), "MAKON_SECRET_KEY": "from-environment"}
    assert _settings_probe(variable, "settings.SECRET_KEY").stdout.strip() == "from-environment"


def test_debug_is_off_unless_asked_for():
    assert _settings_probe({"MAKON_SECRET_KEY": "x"}, "settings.DEBUG").stdout.strip() == "False"
    on = _settings_probe({"MAKON_SECRET_KEY": "x", "MAKON_DEBUG": "true"}, "settings.DEBUG")
    assert on.stdout.strip() == "True"


def test_a_malformed_setting_is_named():
    env = {"MAKON_SECRET_KEY": "x", "MAKON_AREA_BBOX": "1,2,3"}
    result = _settings_probe(env, "settings.DEBUG")
    assert "MAKON_AREA_BBOX must be minlon,minlat,maxlon,maxlat" in result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_the_gis_app_has_its_own_label():
    from django.apps import apps

    assert apps.get_app_config("citygis").name == "gis"
    assert apps.get_app_config("gis").name == "django.contrib.gis"
