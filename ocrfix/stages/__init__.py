"""Pipeline stages, one module each: ``NAME``, ``REQUIRES``, ``ASSIGNS``, ``run(doc, config)``."""
