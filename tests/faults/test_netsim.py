"""The network simulator does to bytes what it says: delays, caps, cuts, stalls and resets them."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests.sync.netsim import Link, NetSim


@pytest.fixture
def echo_port() -> Iterator[int]:
    """A loopback server that sends back whatever it receives, one thread per connection."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            while not stop.is_set():
                try:
                    data = conn.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                try:
                    conn.sendall(data)
                except OSError:
                    return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1]
    stop.set()
    listener.close()


@pytest.fixture
def sim(echo_port: int) -> Iterator[NetSim]:
    proxy = NetSim(echo_port)
    yield proxy
    proxy.close()


def connect(sim: NetSim) -> socket.socket:
    conn = socket.create_connection(("127.0.0.1", sim.port), timeout=10)
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return conn


def receive(conn: socket.socket, n: int, timeout: float = 10) -> bytes:
    """Up to ``n`` bytes, fewer if the line closes first."""
    conn.settimeout(timeout)
    got = bytearray()
    while len(got) < n:
        try:
            data = conn.recv(n - len(got))
        except (ConnectionResetError, TimeoutError):
            break
        if not data:
            break
        got += data
    return bytes(got)


def test_bytes_go_through_unchanged_and_are_counted_per_direction(sim):
    payload = bytes(range(256)) * 400
    with connect(sim) as conn:
        conn.sendall(payload)
        assert receive(conn, len(payload)) == payload
    with connect(sim) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\n\r\n")
        receive(conn, 18)
    assert sim.traffic.up == sim.traffic.down == len(payload) + 18
    assert sim.traffic.connections == 2 and sim.traffic.requests == 1


def test_latency_is_added_each_way(sim):
    sim.link = Link(latency_up=0.2, latency_down=0.2)
    with connect(sim) as conn:
        started = time.monotonic()
        conn.sendall(b"ping")
        assert receive(conn, 4) == b"ping"
        rtt = time.monotonic() - started
    assert 0.4 <= rtt < 0.6


def test_bandwidth_is_capped_per_direction(sim):
    sim.link = Link(bandwidth_up=256_000, bandwidth_down=256_000)
    payload = b"x" * 32_000  # 1 s at 256 kbit/s; up and down overlap, so about 1 s in all
    with connect(sim) as conn:
        started = time.monotonic()
        conn.sendall(payload)
        assert receive(conn, len(payload), timeout=20) == payload
        took = time.monotonic() - started
    assert 0.9 <= took < 1.5


@pytest.mark.parametrize("direction", ["up", "down"])
@pytest.mark.parametrize("n", [0, 1, 1459, 1460, 1461, 5000])
def test_a_cut_forwards_exactly_n_bytes_then_closes(sim, direction, n):
    payload = bytes(i % 251 for i in range(10_000))
    sim.cut(direction, n)
    with connect(sim) as conn:
        conn.sendall(payload)
        got = receive(conn, len(payload), timeout=5)
    if direction == "down":
        assert got == payload[:n]
    else:  # the echo of the n bytes that reached the server is cut off with the line
        assert payload[:n].startswith(got)
    assert sim.cuts == 1 and not sim.armed
    assert getattr(sim.traffic, direction) == n


def test_a_cut_can_repeat_over_new_connections(sim):
    sim.cut("down", 3, times=2)
    for expected in (b"abc", b"abc", b"abcdef"):
        with connect(sim) as conn:
            conn.sendall(b"abcdef")
            assert receive(conn, 6, timeout=5) == expected
    assert sim.cuts == 2


def test_a_cut_with_reset_ends_in_a_connection_reset(sim):
    sim.cut("down", 2, reset=True)
    with connect(sim) as conn:
        conn.sendall(b"hello")
        conn.settimeout(5)
        assert conn.recv(100) == b"he"
        with pytest.raises(ConnectionResetError):
            for _ in range(10):
                if not conn.recv(100):
                    break


def test_a_stall_holds_the_bytes_until_it_ends(sim):
    with connect(sim) as conn:
        conn.sendall(b"one")
        assert receive(conn, 3) == b"one"
        sim.stall(0.5)
        started = time.monotonic()
        conn.sendall(b"two")
        assert receive(conn, 3, timeout=0.3) == b""
        assert receive(conn, 3, timeout=5) == b"two"
        assert 0.45 <= time.monotonic() - started < 1.0


def test_reset_connections_resets_every_open_line(sim):
    conns = [connect(sim) for _ in range(3)]
    for conn in conns:
        conn.sendall(b"x")
        assert receive(conn, 1) == b"x"
    assert sim.reset_connections() == 3
    for conn in conns:
        conn.settimeout(5)
        with pytest.raises(ConnectionResetError):
            conn.recv(10)
        conn.close()


def test_a_down_server_is_a_reset_connection(echo_port):
    dead = NetSim(_closed_port())
    try:
        with pytest.raises((ConnectionResetError, BrokenPipeError)), connect(dead) as conn:
            conn.settimeout(5)
            conn.sendall(b"x")
            conn.recv(10)
    finally:
        dead.close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
