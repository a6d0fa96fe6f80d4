"""Rules both a device and the server apply to records: pure Python, no Qt, no SQL."""
