# The extension is built by cffi (precis_build.py); the metadata is in pyproject.toml. The
# extension is always rebuilt: which libprecis it links (in-tree or installed) can change
# between two builds from the same directory without any source file changing.
from setuptools import setup

setup(cffi_modules=["precis_build.py:ffibuilder"], options={"build_ext": {"force": True}})
