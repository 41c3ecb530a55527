"""gunicorn on 127.0.0.1 and the load tools that hit it (wrk, and a pool of posting members)."""

import http.client
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CONNECTIONS = 16


@contextmanager
def gunicorn():
    """Runs the product under gunicorn with the bench settings until the block ends."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.bench.settings"}
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind", f"127.0.0.1:{PORT}",
            "--workers", str(WORKERS),
            "--threads", "1",
            "--log-level", "warning",
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    try:
        _wait_until_up()
        yield f"http://127.0.0.1:{PORT}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on port {PORT} within {timeout}s")


def drain(base: str, timeout: float = 300) -> None:
    """Waits until gunicorn has answered every request wrk left queued: a slow page must
    not eat into the next page's measurement. A sync worker takes connections in turn, so
    one more request comes back only when the queue ahead of it is done."""
    parsed = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    conn.request("GET", "/healthz")
    conn.getresponse().read()
    conn.close()


def wrk_requests_per_second(url: str, *, seconds: int = 8, cookie: str = "") -> float:
    """Throughput of GET url with wrk (2 threads, CONNECTIONS connections), as the reader
    whose session `cookie` is given. Non-2xx/3xx answers count as a failure."""
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            *headers,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx or 3xx responses" in out:
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out).group(1)
        raise RuntimeError(f"{url}: {bad} responses were errors under load\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


class Member:
    """A member's browser session over one keep-alive connection: log in, then post."""

    def __init__(self, base: str, login: str, password: str):
        parsed = urllib.parse.urlparse(base)
        self.host, self.port = parsed.hostname, parsed.port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        self._log_in(login, password)

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, content

    def csrf_token(self, path: str) -> str:
        status, html = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not match:
            raise RuntimeError(f"no form on {path} (HTTP {status})")
        return match.group(1)

    def _log_in(self, login: str, password: str) -> None:
        token = self.csrf_token("/accounts/login/")
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": login, "password": password},
        )
        if status != 302:
            raise RuntimeError(f"{login} could not log in (HTTP {status})")


def post_replies_concurrently(
    base: str, *, logins: list[str], password: str, thread_path: str, seconds: int
) -> Counter:
    """Each login posts replies to the thread, one after another, for `seconds`.

    Returns a Counter of outcomes: "ok" (the reply was accepted with a redirect),
    "5xx", "4xx", "error" (connection problems).
    """
    outcomes: Counter = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def one_member(login: str) -> None:
        member = Member(base, login, password)
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            try:
                token = member.csrf_token(thread_path)
                status, _ = member.request(
                    "POST",
                    thread_path + "reply/",
                    {
                        "csrfmiddlewaretoken": token,
                        "body": f"Thinking of you all today. Note {n} from @{login}.",
                    },
                )
                kind = "ok" if status == 302 else f"{status // 100}xx"
            except (OSError, http.client.HTTPException):
                kind = "error"
                member.conn.close()
                member.conn = http.client.HTTPConnection(member.host, member.port, timeout=30)
            with lock:
                outcomes[kind] += 1

    threads = [threading.Thread(target=one_member, args=(login,)) for login in logins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


if __name__ == "__main__":
    sys.exit("Run the bench with: make bench")
