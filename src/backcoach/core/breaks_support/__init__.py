"""What the posture-break scheduler (core/breaks.py) needs from the desktop: idle time and start at login."""
