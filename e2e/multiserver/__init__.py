"""Several app server processes on one PostgreSQL database and one Redis (`-m multiserver`)."""
