"""Real-browser tests (Playwright driving Debian's Chromium); run with `pytest -m browser`."""
