"""Reusable widgets for the session pages: pain scale, countdown, side badge, images."""
