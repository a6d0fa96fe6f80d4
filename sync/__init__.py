"""What device and server share: the shared domain (sync.domain), the wire format (protocol.py,
reports_protocol.py), the indicators both compute, the bundle file, and the device's (client)
and the central (server) sides of sync."""
