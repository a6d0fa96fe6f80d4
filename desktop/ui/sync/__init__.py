"""Sync in the window: sign-in, the sync controller and progress, messages, conflicts."""
