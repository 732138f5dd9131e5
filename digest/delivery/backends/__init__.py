"""The delivery backends, one module each, found by name through registry.py.

This init imports nothing, so that config can import the registry without loading more.
"""
