"""The limits every file import keeps (dwellings, the rent ledger, area indicators),
so that an import finishes well within a web worker's timeout instead of being cut
off halfway: at most ``BOLIGTORG_IMPORT_MAX_ROWS`` rows and
``BOLIGTORG_IMPORT_MAX_BYTES`` bytes per file (config/settings/base.py says how they
were measured). A file over either is refused at its field with a message that
names the limit and says to split the file; nothing is written."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

ERROR_TOO_LARGE = _(
    "The file is larger than %(size)s MB. Split it into smaller files and import them "
    "one after another."
)
ERROR_TOO_MANY_ROWS = _(
    "The file has more than %(rows)s rows, and at most %(rows)s can be imported at once. "
    "Split it into files of at most %(rows)s rows and import them one after another."
)

LIMITS_HELP = _("At most %(rows)s rows and %(size)s MB a file.")


def import_max_rows() -> int:
    return settings.BOLIGTORG_IMPORT_MAX_ROWS


def import_max_bytes() -> int:
    return settings.BOLIGTORG_IMPORT_MAX_BYTES


def _megabytes(limit: int) -> str:
    return number_format(limit / (1024 * 1024), decimal_pos=0, force_grouping=True)


def limits_help(text: str, max_rows: int | None = None) -> str:
    """A file field's help ``text`` followed by the limits (``max_rows`` or the
    setting), so that the user learns them before uploading."""
    limits = LIMITS_HELP % {
        "rows": number_format(max_rows or import_max_rows(), force_grouping=True),
        "size": _megabytes(import_max_bytes()),
    }
    return f"{text} {limits}"


def too_many_rows_message(limit: int | None = None) -> str:
    """The message for a file over ``limit`` rows (the setting unless given)."""
    rows = number_format(limit or import_max_rows(), force_grouping=True)
    return ERROR_TOO_MANY_ROWS % {"rows": rows}


def upload_size_check(upload: UploadedFile) -> UploadedFile:
    """``upload``, or ``ValidationError`` when it is over the byte limit (Django's
    own upload settings do not limit files: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` leaves
    them out, ``FILE_UPLOAD_MAX_MEMORY_SIZE`` only chooses memory or disk)."""
    limit = import_max_bytes()
    if upload.size is not None and upload.size > limit:
        raise forms.ValidationError(ERROR_TOO_LARGE % {"size": _megabytes(limit)})
    return upload
