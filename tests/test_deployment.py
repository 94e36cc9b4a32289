"""The production compose file and its Dockerfile agree with each other and with the settings.

There is no Docker engine here: these checks read the files, they do not start containers.
"""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SECRETS = ("MAKON_SECRET_KEY", "MAKON_DB_PASSWORD")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def settings_variables() -> set[str]:
    source = "\n".join(p.read_text() for p in (ROOT / "config" / "settings").glob("*.py"))
    return set(re.findall(r'env_[a-z]+\(\s*"(MAKON_[A-Z0-9_]+)"', source))


def dockerfile_stages() -> dict[str, str]:
    text = (ROOT / "Dockerfile").read_text()
    return {name: image for image, name in re.findall(r"^FROM (\S+) AS (\S+)$", text, re.M)}


def test_compose_names_exactly_the_services_that_exist(compose):
    assert set(compose["services"]) == {"db", "app", "nginx", "redis"}


def test_every_service_restarts_and_has_a_healthcheck(compose):
    for name, service in compose["services"].items():
        assert service.get("restart") == "unless-stopped", name
        assert service.get("healthcheck", {}).get("test"), name


def test_the_database_is_postgis_15_with_a_volume(compose):
    db = compose["services"]["db"]
    assert db["image"].startswith("postgis/postgis:15-3.")
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])
    assert set(compose["volumes"]) >= {"pgdata", "media"}


def test_secrets_have_no_defaults(compose):
    app_env = compose["services"]["app"]["environment"]
    db_env = compose["services"]["db"]["environment"]
    for value in [*(app_env[name] for name in SECRETS), db_env["POSTGRES_PASSWORD"]]:
        assert re.fullmatch(r"\$\{MAKON_[A-Z_]+:\?[^}]+\}", value), value
    # The build's throwaway key lives in one RUN step, never in the image's environment.
    uses = [
        line.strip()
        for line in (ROOT / "Dockerfile").read_text().splitlines()
        if "MAKON_SECRET_KEY" in line and not line.lstrip().startswith("#")
    ]
    assert uses
    assert all(line.startswith("RUN MAKON_SECRET_KEY=") for line in uses)


def test_the_app_only_gets_variables_the_settings_read(compose):
    app_env = set(compose["services"]["app"]["environment"])
    unknown = app_env - settings_variables()
    missing = settings_variables() - app_env - {"MAKON_TEST_DB_NAME"}
    assert unknown == set(), "docker-compose.yml passes variables no setting reads"
    assert missing == set(), "add the new settings to x-app-environment in docker-compose.yml"


def test_app_and_web_images_are_built_from_the_dockerfile(compose):
    stages = dockerfile_stages()
    assert stages["app"] == "python:3.11-slim-bookworm"
    assert stages["web"].startswith("nginx:")
    assert compose["services"]["app"]["build"]["target"] == "app"
    assert compose["services"]["nginx"]["build"]["target"] == "web"
    assert "gdal-bin" in (ROOT / "Dockerfile").read_text()


def test_nginx_serves_the_static_files_the_image_holds():
    dockerfile = (ROOT / "Dockerfile").read_text()
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    (static_dir,) = re.findall(r"COPY --from=app /app/var/static (\S+)", dockerfile)
    assert f"alias {static_dir.rstrip('/')}/;" in nginx
    assert "proxy_pass http://makon_app;" in nginx
    assert "server app:8000;" in nginx


def test_the_example_env_file_leaves_the_secrets_empty():
    example = (ROOT / "deploy" / "makon.env.example").read_text()
    for name in SECRETS:
        assert re.search(rf"^{name}=$", example, re.M), name
