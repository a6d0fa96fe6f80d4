"""The Fieldbook desktop app (see docs/ARCHITECTURE.md): ui over services over store over domain,
the demo beside them, the `fieldbook` entry point and its headless commands (app.py, *_cli.py)."""
