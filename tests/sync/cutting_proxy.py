"""A loopback TCP proxy that forwards to the server, counts bytes, and can cut the line after N bytes.

``cut(direction, n, times)`` arms cuts: once ``n`` more bytes have gone that way ("up" is client
to server, "down" server to client), the proxy forwards exactly up to that byte and drops both
sides of the connection; it does so ``times`` times (counting ``n`` afresh after each cut), then
lets everything through until the next ``cut``.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass

_METHODS = (b"GET ", b"POST ", b"PUT ", b"HEAD ", b"DELETE ", b"PATCH ")


@dataclass
class Traffic:
    up: int = 0
    down: int = 0
    connections: int = 0
    requests: int = 0  # request lines seen going up

    @property
    def total(self) -> int:
        return self.up + self.down


class CuttingProxy:
    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.traffic = Traffic()
        self.cuts = 0
        self._lock = threading.Lock()
        self._armed: tuple[str, int] | None = None  # (direction, bytes left before the cut)
        self._rearm: tuple[str, int, int] | None = None  # (direction, n, cuts still to make after this one)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        self._connections: set[socket.socket] = set()
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def cut(self, direction: str, after_bytes: int, times: int = 1) -> None:
        assert direction in ("up", "down") and times >= 1
        with self._lock:
            self._armed = (direction, after_bytes)
            self._rearm = (direction, after_bytes, times - 1)

    def disarm(self) -> None:
        with self._lock:
            self._armed = self._rearm = None

    @property
    def armed(self) -> bool:
        return self._armed is not None

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
        for conn in list(self._connections):
            _drop(conn)

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
            except OSError:
                _drop(client)  # the server is down: the client sees a refused / reset connection
                continue
            server.settimeout(None)
            with self._lock:
                self.traffic.connections += 1
                self._connections.update((client, server))
            pair = (client, server)
            threading.Thread(target=self._pump, args=(client, server, "up", pair), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, "down", pair), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, direction: str,
              pair: tuple[socket.socket, socket.socket]) -> None:
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                try:
                    target.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            cut_here = None
            with self._lock:
                if direction == "up" and data.startswith(_METHODS):
                    self.traffic.requests += 1
                if self._armed and self._armed[0] == direction:
                    left = self._armed[1]
                    if len(data) >= left:
                        cut_here = left
                        self._armed = None
                        self.cuts += 1
                        if self._rearm and self._rearm[2] > 0:
                            self._armed = self._rearm[:2]
                            self._rearm = (self._rearm[0], self._rearm[1], self._rearm[2] - 1)
                    else:
                        self._armed = (direction, left - len(data))
                sent = len(data) if cut_here is None else cut_here
                if direction == "up":
                    self.traffic.up += sent
                else:
                    self.traffic.down += sent
            try:
                target.sendall(data if cut_here is None else data[:cut_here])
            except OSError:
                cut_here = 0
            if cut_here is not None:
                for conn in pair:
                    _drop(conn)
                return


def _drop(conn: socket.socket) -> None:
    try:
        conn.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    conn.close()
