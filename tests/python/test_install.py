"""The package builds against an installed libprecis found through pkg-config (after 'make
install'), as well as against the in-tree build/libprecis.a that 'make python' uses."""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import CLI, ROOT


def test_builds_against_installed_library_through_pkg_config(tmp_path):
    if shutil.which("pkg-config") is None:
        pytest.skip("pkg-config is not installed")
    build = os.path.dirname(CLI)
    dest = tmp_path / "root"
    subprocess.run(["make", "--no-print-directory", f"BUILD={build}", "install",
                    f"DESTDIR={dest}", "PREFIX=/usr"], cwd=ROOT, check=True,
                   capture_output=True)
    usr = dest / "usr"
    env = dict(os.environ, PRECIS_LINK="pkg-config", PKG_CONFIG_PATH=str(usr / "lib/pkgconfig"),
               PKG_CONFIG_SYSROOT_DIR=str(dest))
    pkg = tmp_path / "pkg"
    shutil.copytree(os.path.join(ROOT, "src/python"), pkg,
                    ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    code = ("import importlib.util as u; s = u.spec_from_file_location('b', 'precis_build.py');"
            " m = u.module_from_spec(s); s.loader.exec_module(m);"
            " m.ffibuilder.compile(tmpdir='.', verbose=False)")
    subprocess.run([sys.executable, "-c", code], cwd=pkg, env=env, check=True,
                   capture_output=True)
    ext = [f for f in os.listdir(pkg / "precis") if f.startswith("_precis.") and f.endswith(".so")]
    assert ext
    needed = subprocess.run(["readelf", "-d", str(pkg / "precis" / ext[0])], capture_output=True,
                            text=True).stdout
    assert "libprecis.so" in needed  # the shared library, not the in-tree archive
    run = subprocess.run(
        [sys.executable, "-c", "import precis; print(precis.summarize("
         "'tests/data/kim-shoigu', words=100))"], cwd=ROOT, capture_output=True, text=True,
        env=dict(os.environ, PYTHONPATH=str(pkg), LD_LIBRARY_PATH=str(usr / "lib")))
    assert run.returncode == 0, run.stderr
    expected = subprocess.run([CLI, "-w", "100", "tests/data/kim-shoigu"], capture_output=True,
                              text=True, cwd=ROOT).stdout
    assert run.stdout == expected
