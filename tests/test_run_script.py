"""`scripts/run.sh`, the embedded default, as a newcomer runs it: on another port, e-mail
links follow that port, uploaded pictures are served; and `load_demo` names every demo
login."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts import demo as accounts_demo
from accounts.models import User

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment of a newcomer's shell: none of the test run's settings."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "PYENV_ROOT", "TMPDIR")
    return {k: v for k, v in os.environ.items() if k in keep} | extra


@pytest.mark.django_db
def test_load_demo_names_every_demo_login(capsys):
    call_command("load_demo")
    said = capsys.readouterr().out

    handles = [handle for handle, *_ in accounts_demo.MEMBERS]
    assert len(handles) == 7
    for handle in handles:
        assert handle in said
        assert User.objects.get(handle=handle).check_password(accounts_demo.DEMO_PASSWORD)
    assert f"password '{accounts_demo.DEMO_PASSWORD}'" in said


def test_run_refuses_a_port_that_is_not_a_number():
    result = subprocess.run(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env=_clean_env(PORT="80a"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "PORT must be a port number from 1 to 65535 (it is '80a')." in result.stderr


def test_run_serves_on_the_port_asked_for_and_e_mail_links_follow_it(tmp_path):
    port = _free_port()
    database = tmp_path / "run.sqlite3"
    output = tmp_path / "run.log"
    with output.open("w") as log:
        server = subprocess.Popen(
            ["bash", "scripts/run.sh"],
            cwd=ROOT,
            env=_clean_env(
                PORT=str(port),
                DATABASE_URL=f"sqlite:///{database}",
                MEDIA_ROOT=str(tmp_path / "media"),
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped below
        )
    try:
        home = None
        for _ in range(600):  # migrate and load_demo first: wait up to about five minutes
            if server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    home = response.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        said = output.read_text()
        assert home is not None, said
        assert "Gathering" in home
        assert f"Gathering is running at http://127.0.0.1:{port}/" in said
        assert f"Links in e-mails point to http://127.0.0.1:{port}\n" in said
        assert "nurse_rosa" in said and "theo_r" in said  # load_demo's list of logins
        # DEBUG is on here, yet a missing page is the site's own (core/debug_not_found.py).
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=5)
        assert missing.value.code == 404
        assert "We could not find that page" in missing.value.read().decode()
        picture = tmp_path / "media" / "avatars" / "ab" / "abc-48.jpg"
        picture.parent.mkdir(parents=True)
        picture.write_bytes(b"\xff\xd8\xff a picture")
        media = f"http://127.0.0.1:{port}/media/avatars/ab/abc-48.jpg"
        with urllib.request.urlopen(media, timeout=5) as response:
            assert response.read() == b"\xff\xd8\xff a picture"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
