"""End-to-end tests that run the real server as a separate process."""
