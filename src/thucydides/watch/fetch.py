"""Fetch feeds and pages politely and safely.

Polite: robots.txt obeyed (RFC 9309), one request at a time per host with a delay between two
(longer where robots.txt asks), a User-Agent that names the project, conditional GET, retries
with backoff on 429 and 5xx that read Retry-After. Safe: http and https only, every host and
every redirect checked against the address policy and connected to at the address checked,
a size limit on every body counted after decompression (a gzip bomb stops at the limit), a
deadline on every response (a server that never stops sending is cut off).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from thucydides import __version__
from thucydides.watch.addresses import AddressPolicy, RefusedAddress

ROBOTS_AGENT = "thucydides"
USER_AGENT = f"{ROBOTS_AGENT}/{__version__} (open-source conflict-event reader; obeys robots.txt)"
_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY = {429, 500, 502, 503, 504}
_ROBOTS_BYTES = 512 * 1024
_ROBOTS_TTL = 24 * 3600.0


class FetchError(Exception):
    """A fetch that gave nothing usable; `transient` when a later poll may do better."""

    def __init__(
        self, url: str, message: str, *, transient: bool = False, status: int | None = None
    ) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.reason = message
        self.transient = transient
        self.status = status


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 10 * 1024 * 1024
    timeout: float = 20.0  # seconds to connect, and between two reads
    deadline: float = 60.0  # seconds for a whole response
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    max_wait: float = 120.0  # the longest Retry-After waited for within one poll
    delay: float = 1.0  # seconds between two requests to one host


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 where the validators still hold
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def charset(self) -> str | None:
        for param in self.content_type.split(";")[1:]:
            key, _, value = param.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"'")
        return None


class _Queue:
    """A lock taken in the order it was asked for: a host's pages are fetched in the order
    the watcher needs them, so one slow page never lets later ones jump ahead of earlier."""

    def __init__(self) -> None:
        self._turns = threading.Condition()
        self._next = 0
        self._serving = 0

    def __enter__(self) -> None:
        with self._turns:
            ticket = self._next
            self._next += 1
            self._turns.wait_for(lambda: self._serving == ticket)

    def __exit__(self, *exc) -> None:
        with self._turns:
            self._serving += 1
            self._turns.notify_all()


@dataclass
class _Host:
    lock: _Queue = field(default_factory=_Queue)
    robots_lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0
    robots: RobotFileParser | None = None
    robots_until: float = 0.0


@dataclass(frozen=True, slots=True)
class HostMemory:
    """What a fetcher knows of a host that outlives one poll: its robots.txt (read again after
    `robots_until`) and the earliest time of its next request (both `time.monotonic()`)."""

    netloc: str
    robots: RobotFileParser | None
    robots_until: float
    next_at: float


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class Fetcher:
    """One per watch: it keeps each host's robots.txt and the time of its next request."""

    def __init__(
        self,
        policy: AddressPolicy | None = None,
        limits: Limits | None = None,
        *,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.policy = policy or AddressPolicy()
        self.limits = limits or Limits()
        self.user_agent = user_agent
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        timeout = httpx.Timeout(self.limits.timeout)
        # Redirects are followed here, hop by hop, so that each is checked; no cookies are kept.
        self._client = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def memory(self) -> list[HostMemory]:
        with self._hosts_lock:
            return [
                HostMemory(netloc, h.robots, h.robots_until, h.next_at)
                for netloc, h in self._hosts.items()
            ]

    def remember(self, memories: list[HostMemory]) -> None:
        """Take up what another fetcher (a poll's process) learnt of these hosts."""
        for m in memories:
            host = self._host(m.netloc)
            with host.robots_lock:
                host.robots, host.robots_until = m.robots, m.robots_until
                host.next_at = max(host.next_at, m.next_at)

    def _host(self, netloc: str) -> _Host:
        with self._hosts_lock:
            return self._hosts.setdefault(netloc, _Host())

    @contextmanager
    def _turn(self, netloc: str) -> Iterator[_Host]:
        """This host's turn: no other request to it meanwhile, and the delay since the last."""
        host = self._host(netloc)
        with host.lock:
            wait = host.next_at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield host
            finally:
                delay = self.limits.delay
                if host.robots is not None:
                    delay = max(delay, float(host.robots.crawl_delay(ROBOTS_AGENT) or 0))
                host.next_at = max(host.next_at, time.monotonic() + delay)

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """The body at `url` (after redirects), or 304 where `etag`/`last_modified` still hold.
        Raises FetchError with the reason."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, headers, robots=True, max_bytes=self.limits.max_bytes)

    def _follow(self, url: str, headers: dict, *, robots: bool, max_bytes: int) -> Fetched:
        seen = []
        current = url
        while True:
            # Resolved and checked before robots.txt, so that a refused host is named as such.
            address = self._address(current)
            if robots and not self._robots_allow(current):
                raise FetchError(current, "robots.txt disallows it for thucydides")
            fetched, location = self._with_retries(current, address, headers, max_bytes)
            if location is None:
                return fetched
            seen.append(current)
            current = urljoin(current, location)
            if current in seen:
                raise FetchError(url, f"redirect loop ({len(seen)} hops back to {current})")
            if len(seen) > self.limits.max_redirects:
                raise FetchError(url, f"more than {self.limits.max_redirects} redirects")

    def _with_retries(
        self, url: str, address: str, headers: dict, max_bytes: int
    ) -> tuple[Fetched, str | None]:
        limits = self.limits
        for attempt in range(limits.retries + 1):
            try:
                return self._once(url, address, headers, max_bytes)
            except _Retry as retry:
                last = retry
            wait = last.wait if last.wait is not None else limits.backoff * 2**attempt
            if attempt == limits.retries or wait > limits.max_wait:
                why = (
                    f"asked to wait {wait:.0f} s"
                    if wait > limits.max_wait
                    else f"{attempt + 1} tries"
                )
                raise FetchError(url, f"{last.reason} ({why})", transient=True)
            host = self._host(urlsplit(url).netloc)
            host.next_at = max(host.next_at, time.monotonic() + wait)
        raise AssertionError("unreachable")

    def _address(self, url: str) -> str:
        """The address to connect to for `url`, once its scheme and address are permitted."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "only http and https URLs are fetched")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            return self.policy.resolve(parts.hostname, port)
        except RefusedAddress as exc:
            raise FetchError(url, str(exc)) from None
        except ValueError as exc:  # a port out of range
            raise FetchError(url, f"not a valid URL ({exc})") from None

    def _once(
        self, url: str, address: str, headers: dict, max_bytes: int
    ) -> tuple[Fetched, str | None]:
        """One request to `url`, connected to `address` (already checked)."""
        parts = urlsplit(url)
        target = httpx.URL(url).copy_with(host=address)
        extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
        request = self._client.build_request(
            "GET",
            target,
            headers={"Host": parts.netloc, "User-Agent": self.user_agent, **headers},
            extensions=extensions,
        )
        with self._turn(parts.netloc):
            started = time.monotonic()
            try:
                response = self._client.send(request, stream=True)
            except httpx.TimeoutException:
                raise _Retry(f"no answer within {self.limits.timeout:.0f} s") from None
            except httpx.TransportError as exc:
                raise _Retry(f"connection failed ({exc})") from None
            try:
                return self._read(url, response, started, max_bytes)
            finally:
                response.close()

    def _read(
        self, url: str, response: httpx.Response, started: float, max_bytes: int
    ) -> tuple[Fetched, str | None]:
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchError(url, f"HTTP {status} without a Location")
            return Fetched(url, status), location
        if status in _RETRY:
            raise _Retry(f"HTTP {status}", _retry_after(response.headers.get("retry-after")))
        if status == 304:
            return Fetched(url, 304), None
        if status != 200:
            raise FetchError(url, f"HTTP {status} {response.reason_phrase}".strip(), status=status)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(url, f"{int(declared):,} bytes, over the {max_bytes:,}-byte limit")
        body = bytearray()
        try:
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise FetchError(url, f"over the {max_bytes:,}-byte limit")
                if time.monotonic() - started > self.limits.deadline:
                    raise FetchError(
                        url, f"still sending after {self.limits.deadline:.0f} s", transient=True
                    )
        except httpx.TimeoutException:
            raise _Retry(f"stalled for {self.limits.timeout:.0f} s") from None
        except httpx.DecodingError as exc:
            raise FetchError(url, f"bad content encoding ({exc})") from None
        except httpx.TransportError as exc:
            raise _Retry(f"connection broken ({exc})") from None
        return (
            Fetched(
                url,
                200,
                bytes(body),
                response.headers.get("content-type", ""),
                response.headers.get("etag"),
                response.headers.get("last-modified"),
            ),
            None,
        )

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        host = self._host(parts.netloc)
        with host.robots_lock:
            if host.robots is None or time.monotonic() > host.robots_until:
                host.robots, ttl = self._robots(f"{parts.scheme}://{parts.netloc}/robots.txt")
                host.robots_until = time.monotonic() + ttl
            return host.robots.can_fetch(ROBOTS_AGENT, url)

    def _robots(self, robots_url: str) -> tuple[RobotFileParser, float]:
        """RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot be
        read (5xx, no answer) disallows everything until it is read again, an hour later."""
        parser = RobotFileParser(robots_url)
        try:
            fetched = self._follow(robots_url, {}, robots=False, max_bytes=_ROBOTS_BYTES)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                parser.allow_all = True
                return parser, _ROBOTS_TTL
            parser.disallow_all = True
            return parser, 3600.0
        parser.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        return parser, _ROBOTS_TTL


class _Retry(Exception):
    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait
