"""One FastAPI router per resource: health, auth, push, pull, attachments."""
