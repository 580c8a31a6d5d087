"""An HTTP server on 127.0.0.1 for the watch tests: routes set per test, every request recorded."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Site:
    routes: dict[str, Handler] = field(default_factory=dict)
    hits: Counter = field(default_factory=Counter)
    headers: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        etag: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> None:
        """A fixed answer; with an etag, a matching If-None-Match gets 304."""
        data = body.encode() if isinstance(body, str) else body

        def handler(request: BaseHTTPRequestHandler) -> None:
            if etag and request.headers.get("If-None-Match") == etag:
                request.send_response(304)
                request.send_header("ETag", etag)
                request.end_headers()
                return
            request.send_response(status)
            request.send_header("Content-Type", content_type)
            request.send_header("Content-Length", str(len(data)))
            if etag:
                request.send_header("ETag", etag)
            for key, value in (extra or {}).items():
                request.send_header(key, value)
            request.end_headers()
            request.wfile.write(data)

        self.routes[path] = handler

    def sequence(self, path: str, answers: list[Handler]) -> None:
        """Each request gets the next answer; the last one repeats."""

        def handler(request: BaseHTTPRequestHandler) -> None:
            n = self.hits[path] - 1
            answers[min(n, len(answers) - 1)](request)

        self.routes[path] = handler


def status(code: int, headers: dict[str, str] | None = None) -> Handler:
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(code)
        for key, value in (headers or {}).items():
            request.send_header(key, value)
        request.send_header("Content-Length", "0")
        request.end_headers()

    return handler


def page(text: str, content_type: str = "text/html; charset=utf-8") -> Handler:
    data = text.encode()

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    return handler


def slow(seconds: float) -> Handler:
    def handler(request: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        page("<html><body><p>late</p></body></html>")(request)

    return handler


def endless(chunk: bytes = b"<p>more</p>", pause: float = 0.05, limit_s: float = 30) -> Handler:
    """A response that never ends (bounded here so a broken client cannot hang the tests)."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        request.wfile.write(b"<html><body>")
        end = time.monotonic() + limit_s
        try:
            while time.monotonic() < end:
                request.wfile.write(chunk)
                request.wfile.flush()
                time.sleep(pause)
        except OSError:
            pass

    return handler


def huge(megabytes: int) -> Handler:
    """A page of `megabytes` MB sent without a Content-Length, as a never-declared body is."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        block = b"<p>" + b"x" * 65530 + b"</p>"
        try:
            for _ in range(megabytes * 16):
                request.wfile.write(block)
        except OSError:
            pass
        request.close_connection = True

    return handler


def gzip_bomb(megabytes: int) -> Handler:
    data = gzip.compress(b"\0" * (megabytes * 1024 * 1024))

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Encoding", "gzip")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    return handler


def redirect(location: str, code: int = 302) -> Handler:
    return status(code, {"Location": location})


def _make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Request(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path
            site.hits[path] += 1
            site.headers.setdefault(path, []).append(dict(self.headers.items()))
            handler = site.routes.get(path)
            if handler is None:
                status(404)(self)
                return
            handler(self)

        def log_message(self, *args) -> None:
            pass

    return Request


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up mid-answer is what several tests do on purpose


class Server:
    """`with Server() as site:` a running server on 127.0.0.1 and a free port."""

    def __enter__(self) -> Site:
        self.site = Site()
        self.httpd = _QuietServer(("127.0.0.1", 0), _make_handler(self.site))
        self.httpd.daemon_threads = True
        self.site.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self.site

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(
    title: str, items: list[tuple[str, str, str]], published: str = "Mon, 09 Jun 2014 22:00:00 GMT"
) -> str:
    """RSS 2.0 with items (guid, link, title)."""
    entries = "".join(
        f"<item><guid>{escape(guid)}</guid><link>{escape(link)}</link><title>{escape(t)}</title>"
        f"<description>{escape(t)}</description><pubDate>{published}</pubDate></item>"
        for guid, link, t in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link>{entries}</channel></rss>"
    )


def atom(title: str, items: list[tuple[str, str, str, str]]) -> str:
    """Atom 1.0 with entries (id, link, title, updated as ISO 8601)."""
    entries = "".join(
        f'<entry><id>{escape(i)}</id><link href="{escape(link)}"/><title>{escape(t)}</title>'
        f"<updated>{u}</updated><published>2014-06-09T22:00:00Z</published></entry>"
        for i, link, t, u in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:feed</id><updated>2014-06-10T00:00:00Z</updated>"
        f"{entries}</feed>"
    )
