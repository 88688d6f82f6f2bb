"""Events of the programme that other features act on, so the programme imports none of
them (registration seats the waiting list when an item gets more room)."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Sent with the ProgramItem whose capacity may have grown, inside the transaction that
# changed it (the item row is locked). Receivers return the delegates they gave a seat.
capacity_changed = _signals.signal("capacity-changed")
# Sent with the ProgramItem when its time or venue changed (same transaction), and
# `promoted`: the delegates just given a seat (their own mail says it already).
time_or_place_changed = _signals.signal("time-or-place-changed")
