"""The project's own commands run as separate processes, as the end-to-end tests need them."""

import os
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    """`manage.py ARGS` with `env` (its settings and keys); its output, or AssertionError with
    everything it said when it fails."""
    done = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def stop(process: subprocess.Popen, *, timeout: float = 10) -> None:
    """Stop a process we started in a session of its own (`start_new_session=True`), by its
    PID, with whatever it started: SIGTERM, then SIGKILL if it has not ended in `timeout`."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)
