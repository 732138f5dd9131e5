"""The bottom layer: plain data (models, statuses), the error tree, text and URL helpers, the
retry policy and plug-in discovery. No I/O; imports nothing else of digest."""
