"""The presslens web page and HTTP API over a presslens database.

``create_app(db_path)`` builds the FastAPI application; ``presslens serve`` runs it with uvicorn.
Every page has a JSON twin under ``/api`` built from the same named queries, and the database
is opened read-only.
"""

from presslens.web.app import create_app

__all__ = ["create_app"]
