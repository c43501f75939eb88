"""Checking routine files: YAML nodes, plain-words syntax errors, and the checks of each part of the format (core/loader.py is the entry point)."""
