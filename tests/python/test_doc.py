"""The package docstring's example runs as a doctest."""
import doctest

import precis


def test_package_docstring_example():
    result = doctest.testmod(precis, verbose=False)
    assert result.attempted >= 4
    assert result.failed == 0
