"""An HTTPS client with its own cookies, and the header, cookie, redirect and error-page checks of every page it reaches."""
from __future__ import annotations

import http.client
import re
import ssl
from collections import Counter, deque
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import quote, urlencode, urljoin, urlsplit

CSRF_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SESSION_COOKIES = {"session", "remember_token"}
# Off-site targets for ?next=, as typed, and as a browser would read them (tabs and newlines dropped,
# backslashes as slashes), encoded once, twice, with a leading character that some parsers skip.
NEXT_TARGETS = [
    "//evil.example", "\\\\evil.example", "/\\evil.example", "\\/evil.example", "https://evil.example",
    "http:evil.example", "https:/evil.example", "///evil.example", "%2F%2Fevil.example", "/%2Fevil.example",
    "%252F%252Fevil.example", "%5C%5Cevil.example", "/%5Cevil.example", "/\t/evil.example", "/\n/evil.example",
    "%09//evil.example", "/%0d%0a/evil.example", " //evil.example", "javascript:alert(1)",
    "https:%2F%2Fevil.example", "//evil.example%2F..", "/%09/evil.example",
]


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str


class Client:
    """One visitor: cookies kept across requests, a new TLS connection per request (sync workers close them)."""

    def __init__(self, port: int, cafile: str):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.context = ssl.create_default_context(cafile=cafile)
        self.cookies: dict[str, str] = {}
        self.set_cookies: list[str] = []

    def request(self, method: str, path: str, form: dict | None = None) -> Response:
        headers = {"Accept": "text/html,application/json;q=0.9"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = self.origin + path  # over HTTPS the CSRF check also wants a same-site referrer
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=60, context=self.context)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            text = raw.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in raw.headers.get_all("Set-Cookie") or []:
            self.set_cookies.append(header)
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel.value and morsel["expires"] != "Thu, 01 Jan 1970 00:00:00 GMT":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return Response(raw.status, raw.headers, text)

    def csrf_token(self, path: str) -> str:
        page = self.request("GET", path)
        found = CSRF_TOKEN.search(page.text)
        if page.status != 200 or not found:
            raise RuntimeError(f"no form with a CSRF token at {path} ({page.status})")
        return found.group(1)

    def sign_in(self, email: str, password: str, query: str = "") -> Response:
        token = self.csrf_token("/account/sign-in" + query)
        return self.request("POST", "/account/sign-in" + query,
                            {"email": email, "password": password, "csrf_token": token})


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        elif tag in ("link", "script") and (values.get("href") or values.get("src")):
            self.links.append(values.get("href") or values.get("src"))


def header_problems(response: Response, path: str, signed_in: bool) -> list[str]:
    """What a response lacks of the headers every page must carry (SECURITY.md)."""
    problems = []
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    if not csp:
        problems.append("no Content-Security-Policy")
    elif "unsafe-inline" in csp or "unsafe-eval" in csp or "frame-ancestors" not in csp:
        problems.append(f"weak Content-Security-Policy: {csp}")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if not headers.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    if "max-age=" not in headers.get("Strict-Transport-Security", ""):
        problems.append("no Strict-Transport-Security over HTTPS")
    if signed_in and not path.startswith("/static/") and "no-store" not in headers.get("Cache-Control", ""):
        problems.append("signed-in page without Cache-Control: no-store")
    if response.status >= 500:
        problems.append(f"server error {response.status}")
    if "Traceback (most recent call last)" in response.text:
        problems.append("a traceback in the page")
    return problems


def cookie_problems(set_cookie_headers: list[str]) -> list[str]:
    problems = []
    for header in set_cookie_headers:
        name = header.split("=", 1)[0].strip()
        flags = {part.strip().lower() for part in header.split(";")[1:]}
        if name in SESSION_COOKIES and not {"httponly", "secure", "samesite=lax"} <= flags:
            problems.append(f"cookie {name} lacks HttpOnly, Secure or SameSite=Lax: {header[:120]}")
    return problems


def _shape(path: str) -> str:
    """Pages of one kind (a listing, a company's profile) are checked a few times, not a thousand."""
    split = urlsplit(path)
    segments = split.path.strip("/").split("/")
    kind = "/".join(re.sub(r"\d+", "N", s) if n != 1 else "X" for n, s in enumerate(segments))
    return kind + "?" + ",".join(sorted(k.split("=")[0] for k in split.query.split("&") if k))


def crawl(client: Client, start: list[str], signed_in: bool, max_pages: int = 200, per_shape: int = 2,
          skip: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    """Every same-site page reachable by GET from `start`; returns pages visited and problems found."""
    seen: set[str] = set()
    shapes: Counter = Counter()
    queue = deque(start)
    problems: list[str] = []
    visited = 0
    while queue and visited < max_pages:
        path = queue.popleft()
        if path in seen or any(path.startswith(prefix) for prefix in skip) or shapes[_shape(path)] >= per_shape:
            continue
        seen.add(path)
        shapes[_shape(path)] += 1
        response = client.request("GET", path)
        visited += 1
        problems += [f"GET {path}: {problem}" for problem in header_problems(response, path, signed_in)]
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.text)
        for link in parser.links:
            absolute = urljoin(client.origin + path, link)
            if absolute.startswith(client.origin + "/"):
                parts = urlsplit(absolute)
                queue.append(parts.path + ("?" + parts.query if parts.query else ""))
    problems += cookie_problems(client.set_cookies)
    return visited, problems


def _stays_on_site(location: str, origin: str) -> bool:
    if any(ord(ch) < 32 for ch in location):
        return False
    parts = urlsplit(location.replace("\\", "/"))  # browsers read a backslash as a slash
    return (not parts.scheme and not parts.netloc and location.startswith("/")) or \
        f"{parts.scheme}://{parts.netloc}" == origin


def redirect_problems(port: int, cafile: str, email: str, password: str) -> list[str]:
    """`?next=` on the language switch and on sign-in never leads off-site."""
    problems = []
    origin = f"https://127.0.0.1:{port}"
    for target in NEXT_TARGETS:
        query = "?next=" + quote(target, safe="")
        switch = Client(port, cafile).request("GET", "/language/de" + query)
        signed = Client(port, cafile).sign_in(email, password, query)
        for name, response in (("language switch", switch), ("sign-in", signed)):
            location = response.headers.get("Location", "")
            if response.status not in (301, 302, 303, 307, 308) or not _stays_on_site(location, origin):
                problems.append(f"{name} with next={target!r}: {response.status} to {location!r}")
    return problems


def error_page_problems(client: Client) -> list[str]:
    """Errors show our page in our layout, never a traceback or a server banner's default page."""
    problems = []
    for method, path, code, words in (("GET", "/no-such-page", 404, "Page not found"),
                                      ("POST", "/healthz", 405, "Not allowed"),
                                      ("GET", "/companies/a%00b", 400, "Bad request"),
                                      ("GET", "/listings/99999999999999999999", 404, "Page not found")):
        response = client.request(method, path)
        if response.status != code or words not in response.text or "Traceback" in response.text:
            problems.append(f"{method} {path}: {response.status}, expected our {code} page ({words!r})")
        problems += [f"{method} {path}: {problem}" for problem in header_problems(response, path, False)]
    return problems
