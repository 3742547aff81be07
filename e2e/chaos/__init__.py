"""Fault tests against real processes (`make chaos`): each is bounded in time and leaves
nothing running."""
