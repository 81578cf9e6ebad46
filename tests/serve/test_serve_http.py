"""`mtqa serve` over real HTTP on 127.0.0.1: the contract, errors, limits, auth, concurrency."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar, Self

import pytest

httpx = pytest.importorskip("httpx", reason="the serve extra is not installed")
uvicorn = pytest.importorskip("uvicorn", reason="the serve extra is not installed")

from typer.testing import CliRunner

from mtqa.checks.base import Check
from mtqa.cli import app as cli_app
from mtqa.gate import Gate
from mtqa.pipeline import Checker
from mtqa.serve.app import create_app
from mtqa.serve.service import CheckService, Limits
from mtqa.types import CheckResult, Segment

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ERROR_KEYS = {"status", "code", "message"}
GARBLED = "The ministers agreed to continue the the talks."


class LazyModelCheck(Check):
    """Loads a pretend model on first use, racily, and counts the loads (reported as the score
    ``loads``: the check runs in the server's worker process); slows down or hangs on request."""

    name = "lazy"
    loads: ClassVar[int] = 0

    def __init__(self) -> None:
        super().__init__()
        self.model: dict[str, int] | None = None

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        if self.model is None:
            time.sleep(0.05)  # wide enough for two threads to both see no model
            type(self).loads += 1
            self.model = {"loaded": type(self).loads}
        out = []
        for seg in segments:
            if "SLOW" in seg.mt:
                time.sleep(1.0)
            if "HANG" in seg.mt:
                time.sleep(3600)
            scores = {"length": float(len(seg.mt)), "loads": float(type(self).loads)}
            out.append(CheckResult(scores=scores))
        return out


class ThreadServer:
    """Runs uvicorn on a free 127.0.0.1 port in a thread until stopped."""

    def __init__(self, asgi: Any) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(asgi, log_level="error", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]})

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


def make_service(limits: Limits) -> CheckService:
    return CheckService(Checker(checks=["rules"], extra=[LazyModelCheck()]), limits)


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadServer]:
    LazyModelCheck.loads = 0
    service = make_service(Limits(max_body_bytes=4000, max_sentences=5, timeout_s=20))
    with ThreadServer(create_app(service, gate=Gate(fail_on="major"), token=TOKEN)) as s:
        yield s
    service.close()


def post(
    server: ThreadServer, body: Any = None, *, headers: dict[str, str] = AUTH, **kw: Any
) -> Any:
    return httpx.post(f"{server.url}/v1/check", json=body, headers=headers, timeout=30, **kw)


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) >= ERROR_KEYS
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body["error"]


def test_health_and_openapi(server: ThreadServer):
    health = httpx.get(f"{server.url}/v1/health").json()
    assert health["status"] == "ok" and health["languages"] == {"src": "ru", "tgt": "en"}
    assert "lazy@1" in health["signature"]
    schema = httpx.get(f"{server.url}/openapi.json").json()
    assert {"/v1/check", "/v1/health"} <= set(schema["paths"])
    assert "CheckRequest" in schema["components"]["schemas"]


@pytest.mark.parametrize(
    "body,n",
    [
        ({"mt": [GARBLED, "Talks resume in April."]}, 2),
        ({"mt": [GARBLED], "src": ["Министры договорились продолжить переговоры."]}, 1),
        ({"mt": f"{GARBLED} Talks resume in April.\n\nTrade grew."}, 3),
    ],
)
def test_check_contract(server: ThreadServer, body: dict[str, Any], n: int):
    r = post(server, body)
    assert r.status_code == 200, r.text
    doc = r.json()
    assert set(doc) == {"summary", "sentences", "pass", "reason"}
    assert doc["summary"]["sentences"] == len(doc["sentences"]) == n
    first = doc["sentences"][0]
    assert first["mt"] == GARBLED and "length" in first["scores"]
    repetition = [f for f in first["flags"] if f["category"] == "repetition"]
    assert (
        repetition
        and first["mt"][repetition[0]["start"] : repetition[0]["end"]] == repetition[0]["text"]
    )
    if "src" in body:
        assert first["src"] == body["src"][0]


def test_gate_options(server: ThreadServer):
    body: dict[str, Any] = {"mt": [GARBLED]}
    # The server's gate fails on major flags; a doubled word is minor.
    default = post(server, body).json()
    assert default["pass"] is True
    strict = post(server, {**body, "options": {"fail_on": "minor"}}).json()
    assert strict["pass"] is False and "minor" in strict["reason"]
    high = post(server, {**body, "options": {"fail_under": 100}}).json()
    assert high["pass"] is (high["summary"]["quality"] >= 100)


@pytest.mark.parametrize(
    "content,status,code",
    [
        (b"{not json", 400, "bad_json"),
        (b'{"mt": 5}', 422, "invalid_request"),
        (b'{"mt": ["a"], "colour": "red"}', 422, "invalid_request"),
        (b'{"mt": ["a"], "options": {"fail_on": "fatal"}}', 422, "invalid_request"),
        (b'{"mt": ["a"], "options": {"fail_under": 101}}', 422, "invalid_request"),
        (b'{"mt": ["a", ""]}', 400, "bad_input"),
        (b'{"mt": []}', 400, "bad_input"),  # was 200 with no sentences and "pass": true
        (b'{"mt": [], "src": []}', 400, "bad_input"),
        (b'{"mt": ["a", "b"], "src": ["x"]}', 400, "bad_input"),
        (b'{"mt": "A text.", "src": ["x"]}', 400, "bad_input"),
        (b'{"mt": "One.\\n\\nTwo.", "src": "Odin."}', 400, "bad_input"),
        (b'{"mt": ["a"], "options": {"tgt_lang": "de"}}', 400, "unsupported_language"),
        (b'{"mt": ["Bad \\ud800 x."]}', 400, "bad_input"),
        (b'{"mt": "Bad \\ud800 x."}', 400, "bad_input"),
        (b'{"mt": ["a"], "ref": ["\\udfff"]}', 400, "bad_input"),
        (b'{"mt": ["a"], "c\\ud800": 1}', 422, "invalid_request"),
        (b'{"mt": ["a", "b", "c", "d", "e", "f"]}', 413, "too_many_sentences"),
        (b'{"mt": "A one. B two. C three. D four. E five. F six."}', 413, "too_many_sentences"),
    ],
)
def test_bad_requests(server: ThreadServer, content: bytes, status: int, code: str):
    headers = {**AUTH, "Content-Type": "application/json"}
    r = httpx.post(f"{server.url}/v1/check", content=content, headers=headers)
    error = assert_error(r, status, code)
    if status == 422:
        assert error["details"] and all({"loc", "message"} <= set(d) for d in error["details"])


@pytest.mark.parametrize(
    "content, message",
    [
        (b'{"mt": []}', "mt is an empty list; send at least one sentence"),
        (b'{"mt": "One.\\n\\nTwo.", "src": "Odin."}', "mt has 2 paragraphs but src has 1"),
    ],
)
def test_bad_input_messages_name_the_fields(server: ThreadServer, content: bytes, message: str):
    headers = {**AUTH, "Content-Type": "application/json"}
    r = httpx.post(f"{server.url}/v1/check", content=content, headers=headers)
    assert message in assert_error(r, 400, "bad_input")["message"]


def test_not_json_content_type(server: ThreadServer):
    r = httpx.post(f"{server.url}/v1/check", content=b'{"mt": ["a"]}', headers=AUTH)
    assert_error(r, 415, "unsupported_media_type")


@pytest.mark.parametrize("chunked", [False, True])
def test_oversized_body(server: ThreadServer, chunked: bool):
    content = json.dumps({"mt": ["word " * 1000]}).encode()
    headers = {**AUTH, "Content-Type": "application/json"}
    # A generator body is sent chunked, with no Content-Length to refuse it by.
    body: Any = iter([content[:2000], content[2000:]]) if chunked else content
    r = httpx.post(f"{server.url}/v1/check", content=body, headers=headers)
    error = assert_error(r, 413, "body_too_large")
    assert "4000 bytes" in error["message"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
    ],
)
def test_auth_required(server: ThreadServer, headers: dict[str, str]):
    r = post(server, {"mt": ["a"]}, headers=headers)
    assert_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"


def test_unknown_path_and_method(server: ThreadServer):
    assert_error(httpx.get(f"{server.url}/v2/check"), 404, "not_found")
    assert_error(httpx.get(f"{server.url}/v1/check", headers=AUTH), 405, "method_not_allowed")


def test_concurrent_clients_share_one_model():
    """16 clients at once on a fresh server: the lazy model loads once, answers match serial ones."""
    LazyModelCheck.loads = 0
    service = make_service(Limits())
    bodies = [{"mt": [f"Talks number {i} resume in April.", GARBLED]} for i in range(16)]
    with ThreadServer(create_app(service)) as s:
        with ThreadPoolExecutor(16) as pool:
            responses = list(pool.map(lambda b: post(s, b, headers={}), bodies))
        assert [r.status_code for r in responses] == [200] * 16
        serial = [post(s, b, headers={}).json() for b in bodies]
    service.close()
    assert [r.json() for r in responses] == serial
    loads = {s["scores"]["loads"] for r in responses for s in r.json()["sentences"]}
    assert loads == {1.0}


def test_timeout_and_busy():
    LazyModelCheck.loads = 0
    service = make_service(Limits(timeout_s=0.3, max_pending=1))
    with ThreadServer(create_app(service)) as s:
        with ThreadPoolExecutor(2) as pool:
            slow = pool.submit(post, s, {"mt": ["SLOW one."]}, headers={})
            time.sleep(0.15)  # the slow one holds the only slot
            busy = post(s, {"mt": ["Quick."]}, headers={})
            assert_error(busy, 503, "busy")
            assert busy.headers["retry-after"] == "1"
            assert_error(slow.result(), 504, "timeout")
        # the slow check was stopped at its deadline (its worker replaced): the slot is free now
        assert post(s, {"mt": ["Quick."]}, headers={}).status_code == 200
        assert httpx.get(f"{s.url}/v1/health").json()["worker"]["restarts"] == 1
    service.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_mtqa_serve_command_matches_mtqa_check(samples: Path):
    """The real command with the default checks: same JSON as `mtqa check`, token from the env."""
    port = free_port()
    env = {**os.environ, "MTQA_TOKEN": TOKEN}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mtqa.cli", "serve", "--port", str(port), "--max-sentences", "50"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.communicate()[1]
            try:
                if httpx.get(f"{url}/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "mtqa serve did not start"
            time.sleep(0.2)
        mt = (samples / "article.en.txt").read_text(encoding="utf-8")
        src = (samples / "article.ru.txt").read_text(encoding="utf-8")
        unauthorised = httpx.post(f"{url}/v1/check", json={"mt": mt})
        assert unauthorised.status_code == 401
        r = httpx.post(f"{url}/v1/check", json={"mt": mt, "src": src}, headers=AUTH, timeout=60)
        assert r.status_code == 200, r.text
        served = r.json()
    finally:
        proc.terminate()
        _, stderr = proc.communicate(timeout=20)
    assert "Traceback" not in stderr
    args = ["check", str(samples / "article.en.txt"), "--src", str(samples / "article.ru.txt")]
    local = json.loads(CliRunner().invoke(cli_app, args + ["-f", "json"]).stdout)
    assert served["summary"] == local["summary"]
    assert served["sentences"] == local["sentences"]
    assert served["pass"] is True


def test_serve_rejects_bad_options():
    result = CliRunner().invoke(cli_app, ["serve", "--fail-on", "fatal"])
    assert result.exit_code == 2
    assert "--fail-on must be one of" in result.output


# --- hostile clients and stuck checks (issue 13) -------------------------------------------------


def test_timeout_stops_a_check_that_never_ends():
    """A hanging check gets 504 at its deadline and the next request is answered by a new worker."""
    service = make_service(Limits(timeout_s=1.0))
    with ThreadServer(create_app(service)) as s:
        t0 = time.monotonic()
        assert_error(post(s, {"mt": ["HANG forever."]}, headers={}), 504, "timeout")
        assert time.monotonic() - t0 < 20  # generous; it was forever before
        r = post(s, {"mt": ["Quick."]}, headers={})
        assert r.status_code == 200, r.text
        health = httpx.get(f"{s.url}/v1/health").json()
    service.close()
    assert health["status"] == "ok" and health["worker"]["restarts"] == 1


def test_health_reports_a_stuck_worker():
    service = make_service(Limits(timeout_s=0.3))
    seg = Segment(index=0, id="1", mt="HANG here.")
    # a check running past the timeout (here one given a later deadline, as warm-up is)
    service._executor.submit(service._run, [seg], time.monotonic() + 30)
    with ThreadServer(create_app(service)) as s:
        deadline = time.monotonic() + 20
        while (health := httpx.get(f"{s.url}/v1/health").json())["worker"]["state"] != "stuck":
            assert time.monotonic() < deadline, health
            time.sleep(0.1)
    service.close()
    assert health["status"] == "degraded" and health["worker"]["busy_s"] > 0.3


@pytest.mark.parametrize(
    "server_token,sent,status",
    [
        ("pässwort", "pässwort", 200),
        ("pässwort", "passwort", 401),
        ("test-token", "s3cré", 401),
        ("test-token", "tést-token", 401),
    ],
)
def test_non_ascii_tokens(server_token: str, sent: str, status: int):
    service = make_service(Limits())
    with ThreadServer(create_app(service, token=server_token)) as s:
        headers = {"Authorization": b"Bearer " + sent.encode("utf-8")}
        r = httpx.post(f"{s.url}/v1/check", json={"mt": ["Talks resumed."]}, headers=headers)
    service.close()
    if status == 401:
        assert_error(r, 401, "unauthorized")
    else:
        assert r.status_code == 200, r.text


def test_422_lists_at_most_20_details(server: ThreadServer):
    body = json.dumps({"mt": list(range(300))}).encode()
    headers = {**AUTH, "Content-Type": "application/json"}
    r = httpx.post(f"{server.url}/v1/check", content=body, headers=headers)
    error = assert_error(r, 422, "invalid_request")
    assert len(error["details"]) == 20
    assert "301 problems" in error["message"]


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b'{"mt": "a",}', b"\xff\xfe{}", b'{"mt": "a"} trailing', b"{'mt': 'a'}"],
)
def test_invalid_json_is_bad_json(server: ThreadServer, content: bytes):
    headers = {**AUTH, "Content-Type": "application/json"}
    r = httpx.post(f"{server.url}/v1/check", content=content, headers=headers)
    assert_error(r, 400, "bad_json")


def test_oversized_body_with_connection_close_gets_413():
    """urllib sends the whole body before reading: it must get the 413, not a reset."""
    import urllib.error
    import urllib.request

    service = make_service(Limits(max_body_bytes=4000))
    body = json.dumps({"mt": ["word " * 1_200_000]}).encode()  # ~6 MB
    with ThreadServer(create_app(service)) as s:
        req = urllib.request.Request(
            f"{s.url}/v1/check", data=body, headers={"Content-Type": "application/json"}
        )
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(req, timeout=60)
    service.close()
    assert caught.value.code == 413
    assert json.loads(caught.value.read())["error"]["code"] == "body_too_large"


def test_stalled_body_gets_408():
    service = make_service(Limits())
    with ThreadServer(create_app(service, body_timeout_s=0.5)) as s:
        port = int(s.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
            sock.sendall(
                b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b'Content-Length: 100\r\n\r\n{"mt": '
            )
            reply = b""
            while b"\r\n\r\n" not in reply:  # bounded by the socket timeout
                chunk = sock.recv(4096)
                if not chunk:
                    break
                reply += chunk
    service.close()
    assert reply.startswith(b"HTTP/1.1 408")


def test_sentence_limit_comes_before_alignment(server: ThreadServer, monkeypatch):
    """An article over the sentence limit is refused before its source is split or aligned."""
    import mtqa.serve.app as serve_app

    def refuse(*args: Any, **kw: Any) -> Any:
        raise AssertionError("parse_article ran on an over-limit article")

    monkeypatch.setattr(serve_app, "parse_article", refuse)
    body = {"mt": " ".join(f"Talk {i} ended." for i in range(40)), "src": "Переговоры. " * 40}
    body_bytes = json.dumps(body).encode()
    assert len(body_bytes) < 4000
    r = httpx.post(
        f"{server.url}/v1/check",
        content=body_bytes,
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert_error(r, 413, "too_many_sentences")


def test_trickled_headers_are_cut_off():
    """A client that sends its request head a byte at a time loses the connection at the deadline."""
    from mtqa.serve.protocol import head_timeout_protocol

    service = make_service(Limits())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(service), log_level="error", lifespan="off", http=head_timeout_protocol(0.5)
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        with socket.create_connection(("127.0.0.1", port), timeout=20) as client:
            t0 = time.monotonic()
            closed = False
            for byte in b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100:
                try:
                    client.sendall(bytes([byte]))
                except OSError:
                    closed = True
                    break
                time.sleep(0.05)
                if time.monotonic() - t0 > 10:
                    break
            if not closed:
                closed = client.recv(100) == b""  # bounded by the socket timeout
        # a well-behaved client on the same server is answered
        assert httpx.get(f"http://127.0.0.1:{port}/v1/health").status_code == 200
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        service.close()
    assert closed and time.monotonic() - t0 < 10


def test_a_worker_stopped_from_two_threads_closes_its_pipe_once():
    from mtqa.serve.service import _Worker

    worker = _Worker(make_service(Limits()).checker)
    errors: list[BaseException] = []

    def stop() -> None:
        try:
            worker.stop()
        except BaseException as e:  # noqa: BLE001 - collected for the assertion
            errors.append(e)

    threads = [threading.Thread(target=stop) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors, errors
    assert not worker.process.is_alive()
    assert worker.conn.closed
    worker.stop()  # and again, later: nothing left to do


@pytest.mark.parametrize("host", ["127.0.0.1", "256.1.1.1"])
def test_serve_that_cannot_listen_is_one_line_exit_2(host: str):
    """A port in use or a host that is no address: one line, exit 2, before any model loads (it
    printed "serving on ..." and then uvicorn's own ERROR line, exit 3)."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(
            cli_app, ["serve", "--host", host, "--port", str(port), "--checks", "rules"]
        )
    assert result.exit_code == 2, result.output
    (line,) = [x for x in result.stderr.splitlines() if not x.startswith("mtqa: warning:")]
    assert line.startswith(f"mtqa: error: cannot listen on {host}:{port}: ")
    assert "mtqa: serving" not in result.output


@pytest.mark.parametrize(
    "args, env, says",
    [
        (["--token", ""], {}, "--token is empty"),
        (["--token", "   "], {}, "--token is empty"),
        ([], {"MTQA_TOKEN": ""}, "MTQA_TOKEN is set but empty"),
    ],
)
def test_an_empty_token_is_refused(monkeypatch: pytest.MonkeyPatch, args, env, says: str):
    """`--token "$TOKEN"` with TOKEN unset used to start a service open to anyone."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with socket.socket() as busy:  # if the token were accepted, serve must not start serving
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        result = CliRunner().invoke(cli_app, ["serve", "--checks", "rules", "--port", port, *args])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("mtqa: error: ") and says in line, line


@pytest.mark.parametrize("host, warned", [("0.0.0.0", True), ("127.0.0.1", False)])
def test_listening_beyond_this_machine_without_a_token_warns(
    monkeypatch: pytest.MonkeyPatch, host: str, warned: bool
):
    monkeypatch.delenv("MTQA_TOKEN", raising=False)
    with socket.socket() as busy:  # the run stops at the busy port, after the warning
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        result = CliRunner().invoke(
            cli_app, ["serve", "--checks", "rules", "--host", host, "--port", port]
        )
    assert result.exit_code == 2
    warning = "mtqa: warning: serving on 0.0.0.0 without --token"
    assert (warning in result.stderr) is warned, result.stderr


@pytest.mark.parametrize(
    "mt", ["The nego\u00adtiations resumed.", ["The nego\u00adtiations resumed."]]
)
def test_invisible_characters_are_taken_out(server: ThreadServer, mt: Any):
    answer = post(server, {"mt": mt}).json()
    assert answer["sentences"][0]["mt"] == "The negotiations resumed."
