"""The calls the UI and the headless commands make: save, list, review, sync, backup, reports.
They run in units of work of the store and hand its session to the store's query modules; they
import no SQLAlchemy and no Qt, and each write returns the Changes it made (changes.py)."""
