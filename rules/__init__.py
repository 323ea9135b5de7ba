# The rule files (YAML) ship inside the package as `regulations.rules`; this file only makes
# the folder importable as package data.
