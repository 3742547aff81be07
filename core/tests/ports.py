"""A free TCP port on the loopback interface, for the servers tests and benchmarks start
(SMTP, runserver, granian, nginx). Standard library only: bench/ imports it too."""

import socket


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
