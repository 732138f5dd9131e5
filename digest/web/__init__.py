"""The readers' side, served by `digest serve`: unsubscribe pages and one-click unsubscribes,
the providers' bounce and complaint webhooks, sign-up with double opt-in, the archive and its
feed, and a health probe. It shares the state with the sender; only POST changes anything.
"""
