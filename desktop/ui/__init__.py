"""The PySide6 app: the shell (start-up, window, context, operations runner and its change bus) and
one package per feature (forms, lists, review, statistics, sync, backup) over shared widgets.
It reaches the store only through services."""
