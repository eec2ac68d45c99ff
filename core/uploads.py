"""Uploaded files: limited in size and checked for what they really are before anything reads them.

No upload is stored: an import reads the file in the request and keeps only the records it makes.
`SpreadsheetField` is the form field for CSV and Excel (.xlsx) files; `LimitedUploadHandler` keeps
Django from writing more than the limit to disk, while still telling the form the file's real size.
"""

import zipfile

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat

XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx file is a zip archive ...
XLSX_PARTS = {"[Content_Types].xml", "xl/workbook.xml"}  # ... holding a workbook


def max_bytes():
    return settings.UPLOAD_MAX_BYTES


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Writes at most UPLOAD_MAX_BYTES (and one chunk) of a file to disk, and counts the rest, so that
    the form can refuse an oversized file with its real size instead of storing all of it first."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        if self.received <= max_bytes():
            self.file.write(raw_data)
        self.received += len(raw_data)

    def file_complete(self, file_size):
        upload = super().file_complete(file_size)
        upload.size = file_size  # the real size, even when the rest was not kept
        return upload


def sniff_xlsx(upload):
    """Problems with a file named .xlsx that is not a workbook, or that unpacks to far too much."""
    upload.seek(0)
    if upload.read(4) != XLSX_MAGIC:
        return "The file is not an Excel .xlsx workbook: save it again as .xlsx or CSV"
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, EOFError, ValueError):
        return "The Excel file is damaged or incomplete: save it again and retry"
    finally:
        upload.seek(0)
    if not XLSX_PARTS <= names:
        return "The file is not an Excel .xlsx workbook: save it again as .xlsx or CSV"
    if unpacked > settings.UPLOAD_MAX_UNPACKED_BYTES:
        return "The Excel file holds too much data: split it, or save it as CSV"
    return None


def sniff_csv(upload):
    """Problems with a file named .csv that is not UTF-8 text (binary files have zero bytes)."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if b"\x00" in data:
        return "The file is not a CSV text file: save it again as CSV (UTF-8)"
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "The file is not in UTF-8: save it again as “CSV UTF-8” and retry"
    return None


SNIFFERS = {".csv": sniff_csv, ".xlsx": sniff_xlsx}


KIND_NAMES = {".csv": "a CSV", ".xlsx": "an Excel .xlsx"}


class SpreadsheetField(forms.FileField):
    """A CSV or .xlsx file (or only the `extensions` given) no larger than `max_bytes` (by default
    UPLOAD_MAX_BYTES) whose content matches its name."""

    def __init__(self, *args, extensions=(".csv", ".xlsx"), max_bytes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.extensions, self.max_bytes = extensions, max_bytes

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        extension = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in self.extensions:
            kinds = " or ".join(KIND_NAMES[e] for e in self.extensions)
            raise forms.ValidationError(f"The file must be {kinds} file")
        limit = min(self.max_bytes or max_bytes(), max_bytes())
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file must be smaller than {filesizeformat(limit)} "
                f"(this one is {filesizeformat(upload.size)})"
            )
        problem = SNIFFERS[extension](upload)
        if problem:
            raise forms.ValidationError(problem)
        return upload
