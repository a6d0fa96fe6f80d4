"""Every command in the README's shell examples is run here, as written or with only the values a
test must own (a temporary profile, database, port or folder) put in; a new command without a
runner here fails the test, so the README cannot grow commands nobody tried."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.readme_blocks import build_block, sh_commands
from tests.server.roster_files import big_roster, write_xlsx

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG = {"PGHOST": "127.0.0.1", "PGUSER": "postgres"}
PASSWORD = "readme-Passw0rd"

#: The Linux build block is run by tests/packaging/test_packaged_app.py (it builds the app, runs both
#: self-tests and packs the folder with tar | xz, as written); the Windows block is checked below.
PACKAGING = set(build_block("Linux")) - {"make setup"}


def readme_commands() -> list[str]:
    """The commands of the README's ```sh blocks, continuation lines joined and comments cut."""
    return sh_commands()


def run(command: str, *, env: dict[str, str] | None = None, timeout: int = 300, stdin: str | None = None,
        cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    merged = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "QT_QPA_PLATFORM": "offscreen",
              **(env or {})}
    return subprocess.run(command, shell=True, cwd=cwd, env=merged, input=stdin, capture_output=True, text=True,
                          timeout=timeout, check=False)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, f"{done.args}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_test_below_runs_every_readme_command():
    covered = {*LOCAL, *SERVER, *PACKAGING, "make setup"}
    assert [c for c in readme_commands() if c not in covered] == []
    packaging = (ROOT / "tests/packaging/test_packaged_app.py").read_text(encoding="utf-8")
    assert 'build_block("Linux")' in packaging  # it runs the block as the README has it


#: The app's commands: "make run" opens a window, so the test adds --self-test (open it offscreen,
#: check the store, exit) and a profile of its own; "make test" runs one test file, not the suite.
LOCAL = {
    "make run": 'make run ARGS="--self-test --profile {tmp}/profile"',
    "make test": 'make test PYTEST_ARGS="-q -p no:cacheprovider tests/test_cli.py -k version"',
    'make run ARGS="--demo"': 'make run ARGS="--demo --demo-as specialist --self-test"',
    "make shell": "make shell",
    'make shell CMD="fieldbook --version"': 'make shell CMD="fieldbook --version"',
}


@pytest.mark.parametrize("command", sorted(LOCAL))
def test_the_readme_s_app_commands_work(command, tmp_path):
    stdin = "fieldbook --version\nexit\n" if command == "make shell" else None
    out = ok(run(LOCAL[command].format(tmp=tmp_path), stdin=stdin, timeout=600))
    if "self-test" in LOCAL[command]:
        assert "fieldbook self-test ok" in out
    if "shell" in command or "make test" in command:
        assert "fieldbook 0.1" in out or "passed" in out


def test_make_setup_is_quick_once_done():
    ok(run("make setup"))


#: The server block, then roster import and the office's sync, in order, on a fresh PostgreSQL
#: database (user postgres, as the test machine has it) and a free port.
SERVER = [
    'pip install ".[server]"',
    "createdb fieldbook",
    "export DB=postgresql+psycopg://fieldbook@127.0.0.1/fieldbook",
    "fieldbook-server db upgrade --db $DB",
    "fieldbook-server import-reference --db $DB",
    'echo "$PASSWORD" | fieldbook-server user add wangfang --display-name 王芳 --role specialist --station WS-045 '
    "--db $DB",
    "fieldbook-server serve --db $DB --host 127.0.0.1 --port 8765 --workers 2 --data-dir /var/lib/fieldbook",
    "fieldbook-server user import 名单.xlsx --db $DB --dry-run",
    "fieldbook-server user import 名单.xlsx --db $DB --sheets 激活码.pdf",
    "fieldbook sync --profile /srv/fieldbook/office --token-file /srv/fieldbook/office.token "
    "--server https://fieldbook.example.cn --user office-bairin",
    "*/30 * * * * fieldbook sync --profile /srv/fieldbook/office --token-file /srv/fieldbook/office.token "
    ">> /var/log/fieldbook-sync.log 2>&1",
]


@pytest.mark.postgres
def test_the_readme_s_server_commands_work_in_order(tmp_path):
    name = f"fieldbook_readme_{uuid.uuid4().hex[:8]}"
    port = free_port()
    env = {**PG, "PASSWORD": PASSWORD}
    swap = [("createdb fieldbook", f"createdb {name}"), ("fieldbook@127.0.0.1/fieldbook", f"postgres@127.0.0.1/{name}"),
            ("--port 8765", f"--port {port}"), ("/var/lib/fieldbook", str(tmp_path / "data")),
            ("/srv/fieldbook", str(tmp_path / "srv")), ("https://fieldbook.example.cn", f"http://127.0.0.1:{port}"),
            ("/var/log/", f"{tmp_path}/"), ("名单.xlsx", str(tmp_path / "名单.xlsx")),
            ("激活码.pdf", str(tmp_path / "激活码.pdf"))]

    def local(command: str) -> str:
        for old, new in swap:
            command = command.replace(old, new)
        return command

    (tmp_path / "srv").mkdir()
    write_xlsx(tmp_path / "名单.xlsx", big_roster(3, ["WS-045"]))
    env["DB"] = local("postgresql+psycopg://fieldbook@127.0.0.1/fieldbook")
    server = None
    try:
        # pip: the test machine has no package index; the project is installed here with its extras,
        # so check that what `pip install ".[server]"` would install is there.
        assert _missing_requirements("server") == []
        for command in SERVER[1:6]:
            if command.startswith("export "):
                continue
            ok(run(local(command), env=env))
        server = subprocess.Popen(shlex.split(local(SERVER[6]).replace("$DB", env["DB"])), cwd=ROOT,
                                  env={**os.environ, **env, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for(f"http://127.0.0.1:{port}/api/v1/health")
        assert "3" in ok(run(local(SERVER[7]), env=env))
        ok(run(local(SERVER[8]), env=env))
        assert (tmp_path / "激活码.pdf").read_bytes().startswith(b"%PDF")
        ok(run(f'echo "$PASSWORD" | fieldbook-server user add office-bairin --display-name 巴林左旗科技局 '
               f"--role county_admin --county 150422 --db $DB", env=env))
        ok(run(f"fieldbook --profile {tmp_path}/srv/office --self-test", env=env))  # the office's profile
        ok(run(local(SERVER[9]), env=env, stdin=PASSWORD + "\n"))
        cron = local(SERVER[10]).split(" ", 5)[5]  # the crontab line's command
        ok(run(cron, env=env))
        assert "sync" in (tmp_path / "fieldbook-sync.log").read_text(encoding="utf-8")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        run(f"dropdb --if-exists {name}", env=PG)


def _missing_requirements(extra: str) -> list[str]:
    from importlib.metadata import PackageNotFoundError, requires, version

    from packaging.requirements import Requirement

    missing = []
    for line in requires("fieldbook") or []:
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": extra}):
            continue  # another extra's
        try:
            if not requirement.specifier.contains(version(requirement.name), prereleases=True):
                missing.append(line)
        except PackageNotFoundError:
            missing.append(line)
    return missing


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.3)
