"""cffi build script: compiles the extension module precis._precis against libprecis.

API (out-of-line) mode: the declarations of precis/_cdef.py are compiled against the real
include/precis.h, so struct layouts and enum values come from the header at build time.

Where the library comes from, first match wins:
  1. PRECIS_ROOT (a checkout: include/precis.h) and PRECIS_BUILD (its build directory, default
     PRECIS_ROOT/build) from the environment: the static build/libprecis.a is linked in;
  2. the checkout this file sits in (../../include, ../../build/libprecis.a after 'make');
  3. an installed libprecis through 'pkg-config --cflags --libs precis' (after 'make install').
PRECIS_LINK=pkg-config skips 1 and 2. Nothing is downloaded.
"""
import os
import shlex
import subprocess

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))


def _cdef():
    scope = {}
    with open(os.path.join(HERE, "precis", "_cdef.py"), encoding="utf-8") as f:
        exec(compile(f.read(), "_cdef.py", "exec"), scope)
    return scope["SOURCE"], scope["CDEF"]


def _pkg_config(*args):
    try:
        out = subprocess.run(["pkg-config", *args], check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return shlex.split(out.stdout)


def _split_flags(flags):
    kw = {"include_dirs": [], "library_dirs": [], "libraries": [], "extra_compile_args": [],
          "extra_link_args": []}
    for f in flags:
        if f.startswith("-I"):
            kw["include_dirs"].append(f[2:])
        elif f.startswith("-L"):
            kw["library_dirs"].append(f[2:])
        elif f.startswith("-l"):
            kw["libraries"].append(f[2:])
        elif f.startswith("-D"):
            kw["extra_compile_args"].append(f)
        else:
            kw["extra_link_args"].append(f)
    return kw


def _in_tree():
    """(include dir, libprecis.a) of a built checkout, or None."""
    if os.environ.get("PRECIS_LINK") == "pkg-config":
        return None
    root = os.environ.get("PRECIS_ROOT") or os.path.normpath(os.path.join(HERE, "..", ".."))
    build = os.environ.get("PRECIS_BUILD") or os.path.join(root, "build")
    header = os.path.join(root, "include", "precis.h")
    archive = os.path.join(build, "libprecis.a")
    if os.path.isfile(header) and os.path.isfile(archive):
        return os.path.join(root, "include"), archive
    if os.environ.get("PRECIS_ROOT") or os.environ.get("PRECIS_BUILD"):
        raise SystemExit(f"precis: {header} or {archive} is missing: run 'make' first")
    return None


def _library_flags():
    tree = _in_tree()
    if tree is not None:
        include, archive = tree
        # The archive's own dependencies, as the Makefile links them.
        deps = _pkg_config("--libs", "libutf8proc", "openblas") or ["-lutf8proc", "-lopenblas"]
        kw = _split_flags(deps + ["-lstemmer", "-lpthread", "-lm"])
        kw["include_dirs"].insert(0, include)
        kw["extra_objects"] = [archive]
        kw["depends"] = [os.path.join(include, h) for h in os.listdir(include)] + [archive]
        return kw
    flags = _pkg_config("--cflags", "--libs", "precis")
    if flags is None:
        raise SystemExit("precis: libprecis not found: run 'make' in the checkout (or set "
                         "PRECIS_ROOT), or 'make install' so that 'pkg-config precis' finds it")
    return _split_flags(flags)


ffibuilder = FFI()
_source, _declarations = _cdef()
ffibuilder.cdef(_declarations)
ffibuilder.set_source("precis._precis", _source, **_library_flags())

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
