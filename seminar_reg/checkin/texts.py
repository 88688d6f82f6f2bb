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
        # Answers made on the device from its list, in the server's words (answers.py).
        "checked_in": _("Checked in"),
        "admitted_note": _("Admitted with a note"),
        "already": _("Already checked in at %(time)s"),
        "not_registered": _("Not registered for this item"),
        "waitlisted": _("On the waiting list for this item, not confirmed"),
        "registered": _("Registered for this item"),
        "cancelled": _("Registration cancelled: do not admit"),
        "unknown": _("Unknown code: not a badge of this seminar"),
        "queued_answer": _("answered from the list on this device; sent when the network is back"),
        "lookup_local": _("Found in the list on this device."),
        "more": _("Undo or reprint…"),
        "roster_loading": _("Downloading the list for working offline…"),
        "roster_none": _(
            "No list on this device yet: offline scans are kept but cannot be checked."
        ),
        "roster_refused": _("Not logged in: the list was removed from this device. Log in again."),
        "roster_fresh": _("List of %(count)s people on this device, updated %(time)s"),
        "roster_not_kept": _(
            "List of %(count)s people, updated %(time)s; not kept on this device: "
            "this item's day is over."
        ),
        "close_waiting": _(
            "%(count)s scans have not been sent yet and would be lost. Close the desk anyway?"
        ),
        "logout_waiting": _(
            "%(count)s scans have not been sent yet and would be lost. Log out anyway?"
        ),
    }
