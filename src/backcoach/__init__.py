"""backcoach: a desktop exercise and stretching coach for chronic lower back pain."""

__version__ = "0.1.0"
