"""A loopback TCP proxy that plays a bad network in front of the server: latency, a bandwidth cap,
cut lines, stalls and resets, with bytes and connections counted per direction.

"up" is client to server, "down" server to client. Each accepted connection gets a reader and a
writer thread per direction; the reader stamps what it receives with the time it may leave, the
writer sends it then, through the direction's token bucket (one bucket per direction for the whole
link, as a real uplink is shared by every connection on it).

Faults:
- ``cut(direction, n, times)``: once ``n`` more bytes have gone that way, forward exactly up to that
  byte and drop both sides (FIN, or RST with ``reset=True``); repeat ``times`` times, counting ``n``
  afresh after each cut, then let everything through.
- ``stall(seconds)``: forward nothing (either direction) until ``seconds`` from now; the bytes wait.
- ``reset_connections()``: close every open connection now with an RST (SO_LINGER 0).
"""

from __future__ import annotations

import queue
import socket
import struct
import threading
import time
from dataclasses import dataclass

_METHODS = (b"GET ", b"POST ", b"PUT ", b"HEAD ", b"DELETE ", b"PATCH ")
_SLICE = 1460  # bytes sent per token-bucket grant: about one TCP segment
_POLL = 0.05  # seconds a waiting thread sleeps before it looks at the connection's state again
_EOF = b""


@dataclass
class Traffic:
    up: int = 0
    down: int = 0
    connections: int = 0
    requests: int = 0  # request lines seen going up

    @property
    def total(self) -> int:
        return self.up + self.down


@dataclass
class Link:
    """The line's shape: one-way latency in seconds and bandwidth in bit/s (None: unlimited)."""

    latency_up: float = 0.0
    latency_down: float = 0.0
    bandwidth_up: float | None = None
    bandwidth_down: float | None = None


class _TokenBucket:
    """Bytes may leave at ``rate`` per second, with a burst of a few segments."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens = 0.0
        self._stamp = time.monotonic()

    def take(self, n: int, bits_per_second: float | None, alive: threading.Event) -> None:
        if not bits_per_second:
            return
        rate = bits_per_second / 8
        burst = max(4 * _SLICE, rate * 0.02)
        while alive.is_set():
            with self._lock:
                now = time.monotonic()
                self._tokens = min(burst, self._tokens + (now - self._stamp) * rate)
                self._stamp = now
                if self._tokens >= n:
                    self._tokens -= n
                    return
                wait = (n - self._tokens) / rate
            time.sleep(min(wait, _POLL))


class _Connection:
    def __init__(self, client: socket.socket, server: socket.socket):
        self.sockets = (client, server)
        self.alive = threading.Event()
        self.alive.set()
        self._dropped = threading.Lock()
        self._finished: set[str] = set()  # directions whose sender has closed its side
        self._finished_lock = threading.Lock()

    def finish(self, direction: str) -> bool:
        """Note that ``direction`` reached its end; True once both have."""
        with self._finished_lock:
            self._finished.add(direction)
            return len(self._finished) == 2

    def drop(self, *, reset: bool) -> None:
        if not self._dropped.acquire(blocking=False):
            return
        self.alive.clear()
        for conn in self.sockets:
            _close(conn, reset=reset)


class NetSim:
    """The proxy; ``url`` is what a client uses instead of the server's address."""

    def __init__(self, upstream_port: int, link: Link | None = None):
        self.upstream_port = upstream_port
        self.link = link or Link()
        self.traffic = Traffic()
        self.cuts = 0
        self._lock = threading.Lock()
        self._buckets = {"up": _TokenBucket(), "down": _TokenBucket()}
        self._armed: tuple[str, int] | None = None  # (direction, bytes left before the cut)
        self._rearm: tuple[str, int, int] | None = None  # (direction, n, cuts still to make after this one)
        self._reset_on_cut = False
        self._stalled_until = 0.0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        self._connections: set[_Connection] = set()
        threading.Thread(target=self._accept_loop, daemon=True).start()

    # --- faults -----------------------------------------------------------------------------

    def cut(self, direction: str, after_bytes: int, times: int = 1, *, reset: bool = False) -> None:
        assert direction in ("up", "down") and times >= 1 and after_bytes >= 0
        with self._lock:
            self._armed = (direction, after_bytes)
            self._rearm = (direction, after_bytes, times - 1)
            self._reset_on_cut = reset

    def disarm(self) -> None:
        with self._lock:
            self._armed = self._rearm = None

    @property
    def armed(self) -> bool:
        return self._armed is not None

    def stall(self, seconds: float) -> None:
        with self._lock:
            self._stalled_until = max(self._stalled_until, time.monotonic() + seconds)

    def reset_connections(self) -> int:
        """RST every open connection; returns how many there were."""
        with self._lock:
            open_now = list(self._connections)
        for connection in open_now:
            connection.drop(reset=True)
        return len(open_now)

    def reset_traffic(self) -> Traffic:
        with self._lock:
            before, self.traffic = self.traffic, Traffic()
        return before

    def close(self) -> None:
        self._closed = True
        try:  # wakes the thread blocked in accept(); a bare close() would leave the port listening
            self._listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._listener.close()
        for connection in list(self._connections):
            connection.drop(reset=False)

    # --- forwarding -------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
            except OSError:
                _close(client, reset=True)  # the server is down: the client sees a reset connection
                continue
            server.settimeout(None)
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection = _Connection(client, server)
            with self._lock:
                self.traffic.connections += 1
                self._connections.add(connection)
            for source, target, direction in ((client, server, "up"), (server, client, "down")):
                lane: queue.Queue[tuple[float, bytes]] = queue.Queue()
                threading.Thread(target=self._read, args=(source, direction, lane, connection), daemon=True).start()
                threading.Thread(target=self._write, args=(target, direction, lane, connection), daemon=True).start()

    def _read(self, source: socket.socket, direction: str, lane: queue.Queue, connection: _Connection) -> None:
        while connection.alive.is_set():
            try:
                data = source.recv(65536)
            except OSError:
                data = _EOF
            if direction == "up" and data.startswith(_METHODS):
                with self._lock:
                    self.traffic.requests += 1
            latency = self.link.latency_up if direction == "up" else self.link.latency_down
            lane.put((time.monotonic() + latency, data))
            if not data:
                return

    def _write(self, target: socket.socket, direction: str, lane: queue.Queue, connection: _Connection) -> None:
        while connection.alive.is_set():
            try:
                due, data = lane.get(timeout=_POLL)
            except queue.Empty:
                continue
            if not self._wait_until(due, connection):
                return
            if not data:
                try:
                    target.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                self._forget_if_done(connection, direction)
                return
            for start in range(0, len(data), _SLICE):
                if not self._send_slice(target, direction, data[start:start + _SLICE], connection):
                    return

    def _send_slice(self, target: socket.socket, direction: str, piece: bytes, connection: _Connection) -> bool:
        if not self._wait_until(0.0, connection):
            return False
        bandwidth = self.link.bandwidth_up if direction == "up" else self.link.bandwidth_down
        self._buckets[direction].take(len(piece), bandwidth, connection.alive)
        cut_here = None
        with self._lock:
            if self._armed and self._armed[0] == direction:
                left = self._armed[1]
                if len(piece) >= left:
                    cut_here = left
                    self._armed = None
                    self.cuts += 1
                    if self._rearm and self._rearm[2] > 0:
                        self._armed = self._rearm[:2]
                        self._rearm = (self._rearm[0], self._rearm[1], self._rearm[2] - 1)
                else:
                    self._armed = (direction, left - len(piece))
            reset = self._reset_on_cut
            sent = len(piece) if cut_here is None else cut_here
            if direction == "up":
                self.traffic.up += sent
            else:
                self.traffic.down += sent
        try:
            target.sendall(piece if cut_here is None else piece[:cut_here])
        except OSError:
            connection.drop(reset=False)
            self._forget(connection)
            return False
        if cut_here is not None:
            connection.drop(reset=reset)
            self._forget(connection)
            return False
        return True

    def _wait_until(self, due: float, connection: _Connection) -> bool:
        """Sleep until ``due`` and past any stall; False if the connection died meanwhile."""
        while connection.alive.is_set():
            wake = max(due, self._stalled_until)
            now = time.monotonic()
            if now >= wake:
                return True
            time.sleep(min(wake - now, _POLL))
        return False

    def _forget_if_done(self, connection: _Connection, direction: str) -> None:
        if connection.finish(direction):
            connection.drop(reset=False)
            self._forget(connection)

    def _forget(self, connection: _Connection) -> None:
        with self._lock:
            self._connections.discard(connection)


def _close(conn: socket.socket, *, reset: bool) -> None:
    # A reader thread may be blocked in recv() on this socket, holding the kernel's socket open past
    # close(): shutting the read side down first wakes it. SO_LINGER on with a zero timeout makes
    # the final release send an RST instead of a FIN.
    try:
        if reset:
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.shutdown(socket.SHUT_RD if reset else socket.SHUT_RDWR)
    except OSError:
        pass
    conn.close()
