"""The `regulations` command: a thin layer over the Python API (spec/cli.md)."""
