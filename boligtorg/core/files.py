"""Serving a stored document (a decision letter, a case summary, meeting minutes)
from the media storage, and the page shown when its file is gone.

The database says the document exists, but its file can be missing from storage: a
restore from backup that left out the media, storage moved to a new bucket or disk,
a file deleted by hand. That is not the user's error, and not a crash either: the
user gets a page saying which document is missing and whom to ask, with the request
id that operations can find in the log, where the missing file's name is written.
"""

from __future__ import annotations

import logging

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.http import content_disposition_header

logger = logging.getLogger(__name__)


def stored_file_open(file: FieldFile) -> FieldFile | None:
    """``file`` opened for reading, or ``None`` when storage no longer holds it
    (logged as an error with the file's name)."""
    try:
        file.open("rb")
    except FileNotFoundError:
        logger.error("Stored file missing: %s", file.name)
        return None
    return file


def document_file_name(name: str | Promise, *parts: object, extension: str = "pdf") -> str:
    """A download's file name in the user's language: ``name`` translated by the
    caller (``pgettext("file name", "offer")`` -> "tilbud") and the parts that tell
    documents apart, e.g. ``tilbud-2026-00012.pdf``."""
    stem = "-".join([*str(name).split(), *(str(part) for part in parts if part != "")])
    return f"{stem}.{extension}"


def pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """PDF bytes rendered now as a download (or, ``inline``, shown in the browser)
    that no cache keeps."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def stored_pdf_response(file: FieldFile, filename: str) -> FileResponse:
    """An opened PDF as a download that no cache keeps."""
    response = FileResponse(
        file, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def stored_file_missing(
    request: HttpRequest, *, document: str, back_url: str, back_label: str
) -> HttpResponse:
    """404 with a page naming the missing ``document``, whom to contact, and a link
    back to the page that offered it."""
    context = {
        "document": document,
        "request_id": getattr(request, "request_id", ""),
        "back_url": back_url,
        "back_label": back_label,
    }
    return render(request, "core/stored_file_missing.html", context, status=404)
