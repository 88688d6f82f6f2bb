"""The console's navigation: one table, grouped by task.

A feature with a console page adds one ``Link`` line to ``LINKS``: its group, its
endpoint, its label and the permission its route requires. The shell shows a link only
when the endpoint exists in this app (a feature not landed yet is skipped) and the
logged-in role holds the permission; the current page is the link whose address is
the longest prefix of the request's path (a delegate's page marks "Delegates").
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import lazy_gettext as _l

from ..auth.permissions import Permission, can


@dataclass(frozen=True)
class Link:
    group: str
    endpoint: str
    label: object  # a lazy string, translated when shown
    permission: Permission


GROUPS = {
    "registration": _l("Registration"),
    "documents": _l("Documents"),
    "on_site": _l("On site"),
    "settings": _l("Settings"),
}

LINKS = (
    Link("registration", "console.dashboard", _l("Headcounts"), Permission.VIEW_HEADCOUNTS),
    Link("registration", "console.delegates", _l("Delegates"), Permission.MANAGE_DELEGATES),
    Link("registration", "delegations_admin.index", _l("Delegations"), Permission.MANAGE_DELEGATES),
    Link("registration", "console.import_upload", _l("Import"), Permission.MANAGE_DELEGATES),
    Link("documents", "badges.index", _l("Badges"), Permission.MANAGE_DELEGATES),
    Link("documents", "rolls.index", _l("Rolls"), Permission.MANAGE_DELEGATES),
    Link("documents", "letters.index", _l("Letters"), Permission.MANAGE_DELEGATES),
    Link("on_site", "checkin.index", _l("Check-in"), Permission.CHECK_IN),
    Link("on_site", "logistics.index", _l("Logistics"), Permission.MANAGE_DELEGATES),
    Link("settings", "editions.index", _l("Editions"), Permission.VIEW_HEADCOUNTS),
    Link("settings", "program_admin.index", _l("Programme settings"), Permission.MANAGE_DELEGATES),
    Link("settings", "auth.accounts", _l("Accounts"), Permission.MANAGE_ACCOUNTS),
    Link("settings", "audit.index", _l("Audit trail"), Permission.MANAGE_ACCOUNTS),
    Link("settings", "retention.index", _l("Data retention"), Permission.MANAGE_ACCOUNTS),
)


@dataclass(frozen=True)
class Entry:
    label: object
    url: str
    current: bool


@dataclass(frozen=True)
class Group:
    code: str
    label: object
    entries: tuple[Entry, ...]


def console_navigation() -> list[Group]:
    """The groups and links this visitor may open, the current page marked."""
    shown = [
        (link, url_for(link.endpoint))
        for link in LINKS
        if link.endpoint in current_app.view_functions and can(link.permission)
    ]
    current = _current_url([url for _link, url in shown])
    groups = []
    for code, label in GROUPS.items():
        entries = tuple(
            Entry(link.label, url, url == current) for link, url in shown if link.group == code
        )
        if entries:
            groups.append(Group(code, label, entries))
    return groups


def _current_url(urls: list[str]) -> str | None:
    """The link whose address is the longest whole-segment prefix of this request's path.
    The console's front page counts only for itself, or every page would be under it."""
    root = url_for("console.dashboard")
    path = request.path
    under = [
        url
        for url in urls
        if path == url or (url != root and path.startswith(url.rstrip("/") + "/"))
    ]
    return max(under, key=len, default=None)
