"""Backups in the window: the menu actions, first-run restore, file dialogs and progress."""
