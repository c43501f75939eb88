"""The session log's parts: its SQLite schema, records, statistics, import, recording and the WAL guard (core/history.py is the store)."""
