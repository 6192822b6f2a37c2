"""English messages of the upload's limits and faults (issue 15): a file the page does not
send, an import that failed, and uploaded data refused when it came back from the browser.

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only). A file
too large is said with the importer's own message (``import.reason.file_too_large``).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "upload.wrong_type": (
        "This kind of file is not read. Choose a CSV file or a spreadsheet ({extensions})."
    ),
    # Any exception of the import (a bug, or a file nobody foresaw): the file may be fine.
    "upload.failed": (
        "The file could not be imported: the import failed on the server, and the file may be "
        "fine. Try again, or save it as CSV or XLSX and import it again."
    ),
    # The title of an error table whose errors are all about the whole file (too large, a
    # zip bomb, another format): no row to correct.
    "upload.errors_title_file": "The file could not be used.",
    "upload.payload_rejected": (
        "The imported data of this session was damaged or changed in the browser and has been "
        "set aside. Please import the file again."
    ),
}
