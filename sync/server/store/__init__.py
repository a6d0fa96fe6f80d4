"""The server's data layer: every SQL statement the server runs lives in this package."""
