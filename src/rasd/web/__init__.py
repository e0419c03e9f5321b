"""The local web app: ``create_app(db)`` returns a FastAPI app over a read-only rasd database;
``serve_app(app)`` runs it.

Run it with ``rasd serve --db rasd.db`` (bound to 127.0.0.1). See ``docs/web.md``.
"""

from rasd.web.app import create_app
from rasd.web.serve import PortInUse, serve_app

__all__ = ["PortInUse", "create_app", "serve_app"]
