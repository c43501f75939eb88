"""`python -m backcoach.i18n build|update`."""

import sys

from backcoach.i18n import build, update

if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "build"
    if action == "update":
        update()
    elif action == "build":
        for qm in build():
            print(f"built {qm}")
    else:
        sys.exit("usage: python -m backcoach.i18n build|update")
