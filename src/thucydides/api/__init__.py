"""api: the REST API (FastAPI) and the web page it serves."""

from thucydides.api.app import create_app

__all__ = ["create_app"]
