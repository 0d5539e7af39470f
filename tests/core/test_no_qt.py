import subprocess
import sys


def test_core_and_db_load_no_qt() -> None:
    """The data layer and the domain stay Qt-free (style.md), checked in a clean interpreter."""
    code = (
        "import sys, pkgutil, importlib, db, desktop.core, desktop.cli\n"
        "for pkg in (db, desktop.core):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(len([m for m in sys.modules if m.startswith(('db.', 'desktop.core.'))]), qt)\n"
        "sys.exit(1 if qt else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    loaded = int(out.stdout.split()[0])
    assert loaded >= 10  # the walk really imported the modules
