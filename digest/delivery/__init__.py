"""Delivery: each recipient's own values, the message, the ledger loop and the backends.

This package's init imports nothing: config imports the backends' registry from here.
"""
