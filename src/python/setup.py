# The extension is built by cffi (precis_build.py); the metadata is in pyproject.toml.
from setuptools import setup

setup(cffi_modules=["precis_build.py:ffibuilder"])
