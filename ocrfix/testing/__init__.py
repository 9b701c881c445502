"""Test support shipped with the package: generated pages and property checks.

Why in the package rather than under tests/: the soak benchmark (``ocrfix bench fuzz``)
runs the same generator and the same checks as the hypothesis tests, so a failure found
by either can be replayed by the other from its seed.
"""
