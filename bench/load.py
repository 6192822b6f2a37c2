"""Benchmark (run by hand): the app under load, as the README serves it (gunicorn).

    .venv/bin/python bench/load.py [--seconds 60] [--users 20] [--workers 2] [--threads 8]
                                   [--callbacks 10000] [--no-login] [--hostile 4]

Starts ``gunicorn --workers W --threads T dashboard.wsgi:server`` on a free loopback port,
waits until every worker has loaded the app and ``/`` answers, then runs ``--users``
concurrent users (threads, one keep-alive HTTP/1.1 connection each, ``Accept-Encoding:
gzip``) for ``--seconds`` or until ``--callbacks`` callbacks, whichever comes first, and
stops the server (always, even on an error or Ctrl-C).

Each user opens the page as a browser does (the first ``update_page`` call, for
``?lang=fr&date=2019-06-15``, no changed property), keeps what the server answered (the
state store, ``map-meta``, the control values, the address) and then loops over the main
journey, one click per request: one control changed (region, status, province, population
band, breakdown level, flag, date, language), the previous ``map-meta`` sent along, so the
server answers with the small patch a real browser gets. One click is one POST to
``/_dash-update-component`` (the callback's body is built from ``/_dash-dependencies``).

As deployed (README, "Deploying"): with login on (``CSIL_AUTH=basic``, a credential file
made for the run; every request sends its ``Authorization``; ``--no-login`` to measure
without) and the security headers, which every callback answer must carry (an answer
without its ``Content-Security-Policy`` counts as an error). With ``--hostile N`` (default
4), N uploads of files made to cost the server as much as the limits allow
(:mod:`bench.hostile`: a 5 kB .xls with a far cell, 1.2 M cells, a million rows, a zip bomb,
a 4.9 MB line) are posted
at once to the upload callback while the users click; each must be answered 200 with an
error message, and each worker's RSS is sampled every 20 ms from before they start until
the end of the run: its peak is printed against ``TARGETS["hostile_peak_mb"]``.

Prints callbacks/s, latency percentiles, errors (non-200 or exceptions), mean response
bytes on the wire (the gzip body), the RSS of each worker after 1,000 and after 10,000
callbacks (or at the end, if fewer), per-click figures, and the CPU the server and the
load generator used (they share the machine). Targets are printed, not asserted.
``main(argv)`` returns the figures as a dict.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import gzip
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = "dashboard.wsgi:server"
START_SEARCH = "?lang=fr&date=2019-06-15"
UPDATE = "/_dash-update-component"
PAGE_OUTPUT = "..url.search...view-state.data..."  # how update_page's output string starts
RSS_AT = (1_000, 10_000)
TARGETS = {
    "callbacks_per_s": 500,
    "p95_ms": 50,
    "errors": 0,
    "rss_ratio": 1.10,
    "hostile_peak_mb": 600,
}
LOGIN = ("bench", "load-test-password")
UPLOAD_OUTPUT = "upload-store.data"  # the upload callback's outputs include this
HEADERS = {
    "Content-Type": "application/json",
    "Accept": "application/json",
    "Accept-Encoding": "gzip",
    "Accept-Language": "fr-BE,fr;q=0.9,en;q=0.8",
}

# The main journey: one control per click, in this order, looped (each user starts at
# another place in it). ``DATE`` is a date-slider index chosen per user; ``START`` means
# the value the page opened with. Filters first, then a date and a language change (full
# recomputes), then every filter undone.
DATE, START = "<date>", "<start>"
JOURNEY: tuple[tuple[str, object], ...] = (
    ("region-filter", ["03000"]),
    ("status-filter", ["own_cell"]),
    ("province-filter", ["60000"]),
    ("pop-band-filter", "10-20k"),
    ("breakdown-level", "province"),
    ("flag-filter", ["pilot_2016"]),
    ("date-slider", DATE),
    ("region-filter", ["02000"]),
    ("language-switch", "nl"),
    ("pop-band-filter", "all"),
    ("region-filter", []),
    ("status-filter", []),
    ("province-filter", []),
    ("flag-filter", []),
    ("breakdown-level", "region"),
    ("date-slider", START),
    ("language-switch", START),
)


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the server gets SIGTERM if this process dies without its ``finally``."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Server:
    """gunicorn, as the README runs it, on a free loopback port; a context manager."""

    def __init__(self, workers: int, threads: int, timeout: float = 180.0, login: bool = True):
        self.workers, self.threads, self.timeout = workers, threads, timeout
        self.port = free_port()
        self.tmp = Path(tempfile.mkdtemp(prefix="csil-load-"))
        self.ready = self.tmp / "ready"
        self.ready.mkdir()
        self.log = self.tmp / "gunicorn.log"
        self.proc: subprocess.Popen | None = None
        self.env = dict(os.environ)
        self.auth: dict[str, str] = {}  # the Authorization header every request sends
        if login:
            from dashboard.security import credential_line

            users = self.tmp / "users"
            users.write_text(credential_line(*LOGIN) + "\n")
            self.env.update({"CSIL_AUTH": "basic", "CSIL_AUTH_FILE": str(users)})
            token = base64.b64encode(":".join(LOGIN).encode()).decode()
            self.auth = {"Authorization": f"Basic {token}"}

    def __enter__(self) -> Server:
        # A config file for a hook: each worker says when it has loaded the app, so the
        # load starts on every worker at once (``/`` answers as soon as one is ready). And
        # no control socket (recent gunicorn, 27 here, makes one at a fixed path in ~/.gunicorn,
        # which two servers at once would share; older versions ignore the unknown name).
        config = self.tmp / "gunicorn_conf.py"
        config.write_text(
            "from pathlib import Path\n"
            "control_socket_disable = True\n"
            "def post_worker_init(worker):\n"
            f"    Path({str(self.ready)!r}, str(worker.pid)).touch()\n"
        )
        cmd = [sys.executable, "-m", "gunicorn", "--config", str(config),
               "--workers", str(self.workers), "--threads", str(self.threads),
               "--bind", f"127.0.0.1:{self.port}", APP]  # fmt: skip
        try:
            with open(self.log, "wb") as log:
                self.proc = subprocess.Popen(
                    cmd, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    preexec_fn=_die_with_parent if sys.platform == "linux" else None,
                )  # fmt: skip
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _wait_ready(self) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}):\n{self.log_tail()}")
            if len(list(self.ready.iterdir())) >= self.workers:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                    conn.request("GET", "/", headers=self.auth)
                    if conn.getresponse().status == 200:
                        conn.close()
                        return
                except OSError:
                    pass
            time.sleep(0.1)
        raise TimeoutError(f"gunicorn not ready after {self.timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def exceptions(self) -> dict[str, int]:
        """What the server logged going wrong: each traceback's exception line (and worker
        timeouts), with how many times."""
        try:
            lines = self.log.read_text(errors="replace").splitlines()
        except OSError:
            return {}
        found: dict[str, int] = {}
        last: str | None = None
        inside = False
        for line in [*lines, "[end]"]:
            if line.startswith("Traceback (most recent call last)"):
                inside = True
            elif line.startswith("[") and inside:
                inside = False
                if last:
                    found[last] = found.get(last, 0) + 1
                last = None
            elif (
                inside
                and line.strip()
                and not line[0].isspace()
                and not line.startswith(("The above exception", "During handling"))
            ):
                last = line.strip()[:160]
            if "WORKER TIMEOUT" in line:
                found["WORKER TIMEOUT"] = found.get("WORKER TIMEOUT", 0) + 1
        return found

    def worker_pids(self) -> list[int]:
        """The master's children (gunicorn's workers)."""
        if self.proc is None:
            return []
        master = self.proc.pid
        path = Path(f"/proc/{master}/task/{master}/children")
        try:
            return sorted(int(p) for p in path.read_text().split())
        except OSError:
            pids = []
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    # The fields after the command name: state, ppid, ...
                    if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                        pids.append(int(stat.parent.name))
                except (OSError, IndexError, ValueError):
                    continue
            return sorted(pids)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()  # gunicorn: graceful shutdown of the workers
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


# --------------------------------------------------------------------------- the callback


def split_output(output: str) -> list[dict]:
    """Dash's multi-output string ``..a.x...b.y..`` as the renderer's ``outputs`` list."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    outs = []
    for part in parts:
        cid, prop = part.rsplit(".", 1)
        outs.append({"id": cid, "property": prop.split("@")[0]})
    return outs


@dataclass
class PageCallback:
    """``update_page`` as the renderer sees it, from ``/_dash-dependencies``."""

    output: str
    inputs: list[tuple[str, str]]
    state: list[tuple[str, str]]
    initial: dict[str, object]  # the layout's value of each input (what the page starts with)
    options: dict[str, list] = field(default_factory=dict)  # option values of each control

    @classmethod
    def read(cls, port: int, auth: dict[str, str] | None = None) -> PageCallback:
        deps, layout = read_app(port, auth or {})
        matches = [d for d in deps if d["output"].startswith(PAGE_OUTPUT)]
        if len(matches) != 1:
            raise RuntimeError(f"update_page not found in /_dash-dependencies ({len(matches)})")
        dep = matches[0]
        props: dict[str, dict] = {}

        def walk(node: object) -> None:
            if isinstance(node, dict):
                p = node.get("props")
                if isinstance(p, dict) and isinstance(p.get("id"), str):
                    props[p["id"]] = p
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)

        walk(layout)
        inputs = [(i["id"], i["property"]) for i in dep["inputs"]]
        initial = {cid: props.get(cid, {}).get(prop) for cid, prop in inputs}
        options = {
            cid: [o["value"] if isinstance(o, dict) else o for o in p["options"]]
            for cid, p in props.items()
            if isinstance(p.get("options"), list)
        }
        return cls(dep["output"], inputs, [(s["id"], s["property"]) for s in dep["state"]],
                   initial, options)  # fmt: skip

    def check_journey(self) -> None:
        """Fail early if the journey names a control or a value the page no longer has."""
        ids = {cid for cid, _ in self.inputs}
        for cid, value in JOURNEY:
            if cid not in ids:
                raise RuntimeError(f"journey control {cid!r} is not an input of update_page")
            if value in (DATE, START) or cid not in self.options:
                continue
            for v in value if isinstance(value, list) else [value]:
                if v not in self.options[cid]:
                    raise RuntimeError(f"journey value {v!r} is not an option of {cid!r}")

    def body(self, values: dict, stores: dict, changed: str | None) -> bytes:
        return json.dumps({
            "output": self.output,
            "outputs": split_output(self.output),
            "inputs": [{"id": c, "property": p, "value": values[c]} for c, p in self.inputs],
            "state": [{"id": c, "property": p, "value": stores.get(c)} for c, p in self.state],
            "changedPropIds": [changed] if changed else [],
        }).encode()  # fmt: skip


def read_app(port: int, auth: dict[str, str]) -> tuple[list, object]:
    """``/_dash-dependencies`` and ``/_dash-layout``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        return _get_json(conn, "/_dash-dependencies", auth), _get_json(conn, "/_dash-layout", auth)
    finally:
        conn.close()


def _get_json(conn: http.client.HTTPConnection, path: str, auth: dict[str, str]) -> object:
    conn.request("GET", path, headers={"Accept-Encoding": "gzip", **auth})
    resp = conn.getresponse()
    data = resp.read()
    if resp.status != 200:
        raise RuntimeError(f"GET {path}: {resp.status}")
    if resp.getheader("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return json.loads(data)


# --------------------------------------------------------------------------- the users


@dataclass
class Sample:
    kind: str  # "page load" or the control a click changed
    ms: float
    wire: int  # body bytes as sent (gzip)
    raw: int  # body bytes decompressed
    gzipped: bool


class Run:
    """What the users share: the stop condition, the samples, the RSS checkpoints."""

    def __init__(self, server: Server, max_callbacks: int, deadline: float):
        self.server, self.max_callbacks, self.deadline = server, max_callbacks, deadline
        self.lock = threading.Lock()
        self.samples: list[Sample] = []
        self.errors: list[str] = []
        self.reconnects = 0
        self.rss: dict[int, dict[int, int | None]] = {}  # callbacks -> {worker pid: kB}
        self.stopped = threading.Event()
        self.auth = server.auth

    def count(self) -> int:
        return len(self.samples) + len(self.errors)

    def go_on(self) -> bool:
        if self.stopped.is_set() or time.monotonic() >= self.deadline:
            return False
        return self.count() < self.max_callbacks

    def record(self, sample: Sample | None, error: str | None = None) -> None:
        with self.lock:
            if sample is not None:
                self.samples.append(sample)
            else:
                self.errors.append(error or "?")
            n = self.count()
            if n in RSS_AT and n not in self.rss:
                self.rss[n] = self.snapshot()

    def snapshot(self) -> dict[int, int | None]:
        return {pid: rss_kb(pid) for pid in self.server.worker_pids()}


class User:
    def __init__(self, index: int, run: Run, page: PageCallback, port: int):
        self.index, self.run, self.page, self.port = index, run, page, port
        self.conn: http.client.HTTPConnection | None = None
        self.values = dict(page.initial)
        self.values["url"] = START_SEARCH
        self.stores: dict[str, object] = {}
        self.start: dict[str, object] = {}

    def connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        return self.conn

    def post(self, body: bytes) -> tuple[float, http.client.HTTPResponse, bytes]:
        """One POST on the keep-alive connection. A connection the server closed while idle
        is opened again once (a browser does the same); anything else is the caller's."""
        for attempt in (0, 1):
            reused = self.conn is not None
            conn = self.connection()
            t = time.perf_counter()
            try:
                conn.request("POST", UPDATE, body=body, headers={**HEADERS, **self.run.auth})
                resp = conn.getresponse()
                data = resp.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                conn.close()
                self.conn = None
                if reused and attempt == 0:
                    with self.run.lock:
                        self.run.reconnects += 1
                    continue
                raise
            ms = (time.perf_counter() - t) * 1000
            if resp.will_close:
                conn.close()
                self.conn = None
            return ms, resp, data
        raise AssertionError("unreachable")

    def call(self, kind: str, changed: str | None) -> dict | None:
        body = self.page.body(self.values, self.stores, changed)
        try:
            ms, resp, data = self.post(body)
        except Exception as exc:  # every failure is a counted error
            if self.conn is not None:
                self.conn.close()
                self.conn = None
            self.run.record(None, f"{kind}: {type(exc).__name__}: {exc}")
            return None
        if resp.status != 200:
            self.run.record(None, f"{kind}: HTTP {resp.status}")
            return None
        if not resp.getheader("Content-Security-Policy"):
            self.run.record(None, f"{kind}: no security headers")
            return None
        gzipped = resp.getheader("Content-Encoding") == "gzip"
        try:
            raw = gzip.decompress(data) if gzipped else data
            answer = json.loads(raw)["response"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self.run.record(None, f"{kind}: unreadable answer: {exc}")
            return None
        self.run.record(Sample(kind, ms, len(data), len(raw), gzipped))
        self.apply(answer)
        return answer

    def apply(self, answer: dict) -> None:
        """Keep what the browser would: the address, the stores, corrected controls."""
        for cid, props in answer.items():
            for prop, value in props.items():
                if (cid, prop) in self.page.state:
                    self.stores[cid] = value
                elif cid in self.values and (cid, prop) in self.page.inputs:
                    self.values[cid] = value

    def journey(self) -> None:
        try:
            if self.call("page load", None) is None:
                return
            self.start = {cid: self.values[cid] for cid, _ in JOURNEY}
            # Another date for each user (a few distinct ones): the slider's index.
            start_date = self.start["date-slider"]
            other_date = (start_date - 1 - self.index % 3) if isinstance(start_date, int) else 0
            step = self.index * 5  # users start at different clicks of the journey
            while self.run.go_on():
                cid, value = JOURNEY[step % len(JOURNEY)]
                step += 1
                if value == START:
                    value = self.start[cid]
                elif value == DATE:
                    value = max(other_date, 0)
                if value == self.values[cid]:
                    continue  # not a click: the control already shows it
                self.values[cid] = value
                prop = dict(self.page.inputs)[cid]
                self.call(cid, f"{cid}.{prop}")
        finally:
            if self.conn is not None:
                self.conn.close()


# --------------------------------------------------------------------------- hostile uploads


class RssSampler:
    """Each worker's peak RSS (kB), sampled every ``interval`` seconds on a thread."""

    def __init__(self, server: Server, interval: float = 0.02):
        self.server, self.interval = server, interval
        self.peak: dict[int, int] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)

    def _loop(self) -> None:
        while not self.stop.is_set():
            for pid in self.server.worker_pids():
                kb = rss_kb(pid)
                if kb and kb > self.peak.get(pid, 0):
                    self.peak[pid] = kb
            self.stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


def upload_body(deps: list, name: str, data: bytes, view_state: dict | None = None) -> bytes:
    """The upload callback's request for a chosen file, as the renderer sends it (with the
    page's ``view-state`` store, e.g. ``{"lang": "fr"}``)."""
    matches = [d for d in deps if UPLOAD_OUTPUT in d["output"]]
    if len(matches) != 1:
        raise RuntimeError(f"the upload callback not found in /_dash-dependencies ({len(matches)})")
    dep = matches[0]
    url = "data:application/octet-stream;base64," + base64.b64encode(data).decode()
    given = {("upload", "contents"): url, ("upload", "filename"): name,
             ("view-state", "data"): view_state}  # fmt: skip

    def item(d: dict) -> object:
        if d["id"].startswith("{"):  # a pattern (ALL): no such component on a fresh page
            return []
        return {
            "id": d["id"],
            "property": d["property"],
            "value": given.get((d["id"], d["property"])),
        }

    def items(declared: list) -> list:
        return [item(d) for d in declared]

    return json.dumps({
        "output": dep["output"],
        "outputs": split_output(dep["output"]),
        "inputs": items(dep["inputs"]),
        "state": items(dep["state"]),
        "changedPropIds": ["upload.contents"],
    }).encode()  # fmt: skip


@dataclass
class HostileUpload:
    name: str
    size: int
    status: int = 0
    seconds: float = 0.0
    refused: bool = False  # answered with the upload's error message, no data stored
    error: str = ""


def post_hostile(port: int, auth: dict[str, str], body: bytes, out: HostileUpload) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t = time.perf_counter()
    try:
        conn.request("POST", UPDATE, body=body, headers={**HEADERS, **auth})
        resp = conn.getresponse()
        data = resp.read()
        out.status = resp.status
        if resp.getheader("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        if resp.status == 200:
            answer = json.loads(data)["response"]
            out.refused = "upload-store" not in answer and "error-title" in json.dumps(answer)
    except Exception as exc:  # every failure is reported
        out.error = f"{type(exc).__name__}: {exc}"
    finally:
        out.seconds = time.perf_counter() - t
        conn.close()


def start_hostile(server: Server, deps: list, n: int) -> tuple[list[HostileUpload], list]:
    """``n`` hostile uploads posted at once (the files of :mod:`bench.hostile` in turn)."""
    from bench.hostile import hostile_files

    files = hostile_files()
    uploads, threads = [], []
    for i in range(n):
        name, data = files[i % len(files)]
        upload = HostileUpload(name, len(data))
        body = upload_body(deps, name, data)
        t = threading.Thread(target=post_hostile, args=(server.port, server.auth, body, upload),
                             name=f"hostile-{i}", daemon=True)  # fmt: skip
        uploads.append(upload)
        threads.append(t)
    for t in threads:
        t.start()
    return uploads, threads


# --------------------------------------------------------------------------- figures


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil(n * q / 100)
    return ordered[int(rank) - 1]


def _distinct(errors: list[str], most: int = 5) -> dict[str, int]:
    """The commonest error messages (shortened), with how many times."""
    counts: dict[str, int] = {}
    for e in errors:
        key = e[:160]
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1])[:most])


def figures(run: Run, elapsed: float, first: dict, last: dict, cpu: dict, args,
            hostile: dict) -> dict:  # fmt: skip
    samples = run.samples
    ms = [s.ms for s in samples]
    n = run.count()
    per_click = {}
    for kind in dict.fromkeys(s.kind for s in samples):
        group = [s for s in samples if s.kind == kind]
        per_click[kind] = {
            "n": len(group),
            "p50_ms": percentile([s.ms for s in group], 50),
            "p95_ms": percentile([s.ms for s in group], 95),
            "mean_wire_bytes": statistics.fmean(s.wire for s in group),
            "mean_json_bytes": statistics.fmean(s.raw for s in group),
        }
    ratios = {
        pid: last["workers"][pid] / kb
        for pid, kb in first["workers"].items()
        if kb and last["workers"].get(pid)
    }
    first_total = sum(kb or 0 for kb in first["workers"].values())
    last_total = sum(kb or 0 for kb in last["workers"].values())
    return {
        "users": args.users,
        "workers": args.workers,
        "threads": args.threads,
        "seconds": elapsed,
        "callbacks": n,
        "callbacks_per_s": n / elapsed if elapsed else 0.0,
        "p50_ms": percentile(ms, 50),
        "p95_ms": percentile(ms, 95),
        "p99_ms": percentile(ms, 99),
        "max_ms": max(ms, default=float("nan")),
        "errors": len(run.errors),
        "error_samples": _distinct(run.errors),
        "server_exceptions": cpu["exceptions"],
        "reconnects": run.reconnects,
        "gzipped": sum(s.gzipped for s in samples) / len(samples) if samples else 0.0,
        "mean_wire_bytes": statistics.fmean(s.wire for s in samples) if samples else 0.0,
        "mean_json_bytes": statistics.fmean(s.raw for s in samples) if samples else 0.0,
        "rss_first": first,
        "rss_last": last,
        "rss_ratio": last_total / first_total if first_total else float("nan"),
        "rss_ratio_per_worker": ratios,
        "worker_restarts": cpu["restarts"],
        "server_cpu_ms_per_callback": cpu["server"] * 1000 / n if n else float("nan"),
        "client_cpu_share": cpu["client"] / elapsed if elapsed else 0.0,
        "cpus": os.cpu_count(),
        "per_click": per_click,
        "login": not args.no_login,
        **hostile,
    }


def report(f: dict) -> str:
    def mark(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    t = TARGETS
    mb = 1024
    first, last = f["rss_first"], f["rss_last"]
    rows = [
        ("callbacks", f"{f['callbacks']:,} in {f['seconds']:.1f} s", "", ""),
        ("callbacks/s", f"{f['callbacks_per_s']:.0f}", f">= {t['callbacks_per_s']}",
         mark(f["callbacks_per_s"] >= t["callbacks_per_s"])),
        ("latency p50 (ms)", f"{f['p50_ms']:.1f}", "", ""),
        ("latency p95 (ms)", f"{f['p95_ms']:.1f}", f"<= {t['p95_ms']}",
         mark(f["p95_ms"] <= t["p95_ms"])),
        ("latency p99 (ms)", f"{f['p99_ms']:.1f}  (max {f['max_ms']:.0f})", "", ""),
        ("errors", f"{f['errors']}  ({f['reconnects']} idle reconnects)", "0",
         mark(f["errors"] == t["errors"])),
        ("mean bytes on the wire", f"{f['mean_wire_bytes']:,.0f}  (JSON {f['mean_json_bytes']:,.0f}"
         f", {f['gzipped']:.0%} gzipped)", "", ""),
    ]  # fmt: skip
    for pid in sorted(set(first["workers"]) | set(last["workers"])):
        a, b = first["workers"].get(pid), last["workers"].get(pid)
        ratio = f["rss_ratio_per_worker"].get(pid)
        rows.append((
            f"RSS worker {pid} (MB)",
            f"{(a or 0) / mb:.0f} @{first['at']:,} -> {(b or 0) / mb:.0f} @{last['at']:,}"
            + (f"  x{ratio:.3f}" if ratio else ""),
            "", "",
        ))  # fmt: skip
    rows.append(("RSS all workers, ratio", f"x{f['rss_ratio']:.3f}", f"<= x{t['rss_ratio']:.2f}",
                 mark(f["rss_ratio"] <= t["rss_ratio"])))  # fmt: skip
    if f["hostile"]:
        refused = sum(u["refused"] for u in f["hostile"])
        rows.append((f"hostile uploads ({len(f['hostile'])} at once)",
                     f"{refused} answered with an error message", f"{len(f['hostile'])}",
                     mark(refused == len(f["hostile"]))))  # fmt: skip
        for u in f["hostile"]:
            rows.append((f"  {u['name']} ({u['size'] / 1e6:.1f} MB)",
                         f"HTTP {u['status']} in {u['seconds']:.1f} s {u['error']}".rstrip(),
                         "", ""))  # fmt: skip
        peak = max(f["hostile_peak_kb"].values(), default=0) / mb
        base = max(f["hostile_base_kb"].values(), default=0) / mb
        rows.append(("RSS peak of a worker (MB)", f"{peak:.0f}  (before the uploads {base:.0f})",
                     f"<= {t['hostile_peak_mb']}", mark(peak <= t["hostile_peak_mb"])))  # fmt: skip
    if f["worker_restarts"]:
        rows.append(("worker restarts", str(f["worker_restarts"]), "0", "MISSED"))
    rows.append(("server CPU / callback (ms)", f"{f['server_cpu_ms_per_callback']:.1f}", "", ""))
    rows.append(("load generator CPU", f"{f['client_cpu_share']:.0%} of a core "
                 f"(machine: {f['cpus']} CPUs)", "", ""))  # fmt: skip
    w = max(len(r[0]) for r in rows)
    v = max(len(r[1]) for r in rows)
    lines = [
        f"load: {f['users']} users, gunicorn {f['workers']} workers x {f['threads']} threads, "
        f"update_page clicks (main journey), login {'on' if f['login'] else 'off'}",
        f"{'figure':<{w}}  {'measured':<{v}}  target",
    ]
    lines += [f"{a:<{w}}  {b:<{v}}  {c} {d}".rstrip() for a, b, c, d in rows]
    lines.append("")
    lines.append(f"{'click':<{w}}  {'n':>6}  {'p50 ms':>7}  {'p95 ms':>7}  {'wire B':>8}  JSON B")
    for kind, c in sorted(f["per_click"].items(), key=lambda kv: -kv[1]["p95_ms"]):
        lines.append(f"{kind:<{w}}  {c['n']:>6}  {c['p50_ms']:>7.1f}  {c['p95_ms']:>7.1f}  "
                     f"{c['mean_wire_bytes']:>8,.0f}  {c['mean_json_bytes']:,.0f}")  # fmt: skip
    for e, k in f["error_samples"].items():
        lines.append(f"error x{k}: {e}")
    for e, k in f["server_exceptions"].items():
        lines.append(f"server log x{k}: {e}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=60.0, help="longest run (default 60)")
    p.add_argument("--callbacks", type=int, default=10_000, help="stop after (default 10000)")
    p.add_argument("--users", type=int, default=20, help="concurrent users (default 20)")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    p.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")
    p.add_argument("--no-login", action="store_true", help="serve without login (CSIL_AUTH=none)")
    p.add_argument(
        "--hostile",
        type=int,
        default=4,
        help="hostile uploads posted at once while the users click (default 4)",
    )
    p.add_argument("--quiet", action="store_true", help="print nothing, only return")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> dict:
    args = parse(argv)
    with Server(args.workers, args.threads, login=not args.no_login) as server:
        deps, _ = read_app(server.port, server.auth)
        page = PageCallback.read(server.port, server.auth)
        page.check_journey()
        pids = server.worker_pids()
        cpu0 = {pid: cpu_seconds(pid) for pid in pids}
        base = {pid: rss_kb(pid) or 0 for pid in pids}
        client0 = time.process_time()
        start = time.monotonic()
        run = Run(server, args.callbacks, start + args.seconds)
        users = [User(i, run, page, server.port) for i in range(args.users)]
        threads = [threading.Thread(target=u.journey, name=f"user-{u.index}", daemon=True)
                   for u in users]  # fmt: skip
        with RssSampler(server) as sampler:
            uploads, posting = start_hostile(server, deps, args.hostile)
            try:
                for t in threads:
                    t.start()
                for t in [*threads, *posting]:
                    t.join()
            finally:
                run.stopped.set()
                for t in [*threads, *posting]:
                    t.join(timeout=130)
        hostile = {
            "hostile": [vars(u) for u in uploads],
            "hostile_base_kb": base,
            "hostile_peak_kb": dict(sampler.peak),
        }
        elapsed = time.monotonic() - start
        client_cpu = time.process_time() - client0
        end = run.snapshot()
        n = run.count()
        at_first = min(RSS_AT[0], n)
        at_last = min(RSS_AT[1], n)
        first = {"at": at_first, "workers": run.rss.get(RSS_AT[0], end)}
        last = {"at": at_last, "workers": run.rss.get(RSS_AT[1], end)}
        now = server.worker_pids()
        cpu = {
            "server": sum(cpu_seconds(pid) - cpu0.get(pid, 0.0) for pid in now),
            "client": client_cpu,
            "restarts": len(set(now) - set(pids)),
        }
        time.sleep(0.2)  # the log of the last requests
        cpu["exceptions"] = server.exceptions()
    result = figures(run, elapsed, first, last, cpu, args, hostile)
    if not args.quiet:
        print(report(result))
    return result


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the server is stopped too
    main(sys.argv[1:])
