"""The set-up installs what WeasyPrint needs for the PDFs, so that a first `./dev run`
loads the demo without a warning per PDF (HarfBuzz-Subset missing on a fresh Debian)."""

import logging
import re
from pathlib import Path

from weasyprint import HTML

ROOT = Path(__file__).resolve().parents[3]
PDF_PACKAGES = {"libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"}


def _debian_packages(script: str) -> set[str]:
    return set(re.findall(r"\b(lib[a-z0-9.-]+|fonts-[a-z-]+)\b", (ROOT / script).read_text()))


def test_dev_and_ci_install_what_weasyprint_needs_for_the_pdfs():
    assert not PDF_PACKAGES - _debian_packages("dev")
    assert not PDF_PACKAGES - _debian_packages(".ci/run")


def test_a_pdf_is_made_without_a_warning(caplog):
    with caplog.at_level(logging.WARNING):
        pdf = HTML(string="<p>Vedtak om kommunal bolig – æøå</p>").write_pdf()
    assert pdf.startswith(b"%PDF")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
