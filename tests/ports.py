"""Loopback ports for the servers tests start, taken so that no other process can take
them first.

A port found free by binding a probe to port 0 and closing it (``free_port``) is free
only at that moment: another process (another xdist worker's server, someone else's
tests, any outgoing connection's ephemeral port) can take it before the server binds
it, and the server then fails to start or, worse, the test talks to whatever answers.
Both helpers here keep the port taken from the moment it is chosen.
"""

from __future__ import annotations

import socket


def listening_socket() -> socket.socket:
    """A socket listening on a free loopback port, for a server that takes a socket:
    gunicorn started as a child (``--bind fd://N``, ``pass_fds``)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    return listener


def held_port() -> socket.socket:
    """A socket bound to a free loopback port (``getsockname()[1]``) and not listening,
    for a server that binds by number (aiosmtpd, PostgreSQL) and may stop and start again.

    While the socket is open, Linux gives that port to no one choosing a free port
    (bind to 0, an outgoing connection) and refuses connections to it as if closed; a
    server binding the number with SO_REUSEADDR, as asyncio, PostgreSQL and gunicorn
    do, can still listen on it: both sockets set SO_REUSEADDR and this one never listens.
    """
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    holder.bind(("127.0.0.1", 0))
    return holder
