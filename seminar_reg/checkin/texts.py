"""Translated strings the desk's JavaScript shows on its own (offline, camera, queue).

They reach the script through a JSON block in the page (not executable, so a strict
Content-Security-Policy can forbid inline scripts).
"""

from __future__ import annotations

from flask_babel import gettext as _


def note_required() -> str:
    return _("Write a note saying why this person is admitted.")


def desk_texts() -> dict[str, str]:
    return {
        "online": _("Online"),
        "offline": _("Offline: scans are kept on this device and sent when the network is back."),
        "queued": _("Saved on this device, will be sent when the network is back"),
        "waiting": _("Scans waiting to be sent: %(count)s"),
        "sending": _("Checking…"),
        "sent_later": _("Sent after reconnecting"),
        "retry_login": _(
            "The server did not accept the scan; it is kept and sent again. "
            "If this goes on, log in again in another tab."
        ),
        "camera_starting": _("Starting the camera…"),
        "camera_on": _("Camera on: hold a badge's QR code in front of it."),
        "camera_unavailable": _(
            "The camera cannot be used here (it needs HTTPS and permission). "
            "Use a badge scanner or type the code."
        ),
        "no_results": _("Nobody found with this name."),
        "searching": _("Searching…"),
        "check_in": _("Check in"),
        "admit_button": _("Admit with a note…"),
        "lookup_offline": _("Looking up names needs the network."),
        "error": _("Something went wrong. Please try again."),
    }
