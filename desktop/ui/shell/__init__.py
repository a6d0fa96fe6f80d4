"""The application frame: start-up, the main window, settings, language, the operations runner."""
