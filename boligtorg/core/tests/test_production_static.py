"""Production builds its static files with ``collectstatic`` into whitenoise's manifest
storage (config/settings/prod.py); without a manifest every templated page answers 500.

The test runs the real collectstatic with production's storage over the files ``./dev``
vendored into static/vendor, into a temporary STATIC_ROOT. Only the gzip/brotli
compression is skipped (40 s of CPU, and not what breaks): the manifest step, which
fails on a reference to a missing file such as a source map, runs as in production."""

import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse


def _production_storages(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "test-only-production-settings")
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    prod = importlib.import_module("config.settings.prod")
    return prod.STORAGES


def test_vendored_files_carry_no_source_map_reference_to_a_file_we_do_not_ship():
    vendor = Path(settings.BASE_DIR) / "static" / "vendor"
    files = [p for p in vendor.rglob("*") if p.suffix in {".js", ".css"}]
    assert files, "static/vendor is empty: run ./dev (setup_node) first"
    for path in files:
        for ref in re.findall(r"sourceMappingURL=(\S+?)(?:\s|\*/|$)", path.read_text()):
            assert (path.parent / ref).exists(), f"{path} refers to a missing {ref}"


@pytest.mark.django_db
def test_collectstatic_with_production_storage_succeeds_and_the_login_page_serves(
    client, tmp_path, monkeypatch
):
    storages = _production_storages(monkeypatch)
    monkeypatch.setattr("whitenoise.compress.Compressor.should_compress", lambda self, p: False)
    with override_settings(
        STORAGES=storages,
        STATIC_ROOT=tmp_path,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        assert (tmp_path / "staticfiles.json").exists()

        response = client.get(reverse("login"))

    assert response.status_code == 200
    page = response.content.decode()
    # The page links the hashed names from the manifest, which is what lets
    # production cache them for a year.
    assert re.search(r'/static/css/boligtorg\.[0-9a-f]{12}\.css"', page)
