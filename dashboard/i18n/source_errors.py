"""English messages of the page's error alert (issue 15): a callback that failed on the
server (:func:`dashboard.callbacks.errors.on_error`) or a request that got no answer
(``assets/request_errors.js``).

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "error.callback": (
        "Something went wrong while updating the page. The data on screen is unchanged: try "
        "again, or reload the page."
    ),
    "error.request": (
        "The server did not answer (the connection was lost or the server had a problem). The "
        "data on screen is unchanged and may not match your last choice: try again, or reload "
        "the page."
    ),
    "error.retry": "Retry",
    # A request answered 401 or 403: the login (or the proxy's) has lapsed.
    "error.login": (
        "The server asks you to log in again. The data on screen is unchanged: reload the page "
        "to log in."
    ),
    # Another 4xx: the server answered, and refused the request.
    "error.refused": (
        "The server refused this request. The data on screen is unchanged and may not match "
        "your last choice: reload the page."
    ),
}
