"""Tests of the central server (sync/server)."""
