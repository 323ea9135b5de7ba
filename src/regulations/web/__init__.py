"""`regulations serve`: pages for legal staff and a JSON API for services, over the same
answers the command line gives (the optional extra ``regulations[web]``).

>>> from regulations.web import Settings, create_app
>>> app = create_app(Settings(token="s3cret"))   # serve it with any ASGI server

The app loads and compiles every regulation once, in the background (``/readyz`` says when
it is done); every answer is a call to the library (``regulations.applies``, ``evaluate``,
``explain``, ``compare``, ``diff``) and its ``to_json()``: nothing is computed twice.
"""

from __future__ import annotations

from regulations.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
