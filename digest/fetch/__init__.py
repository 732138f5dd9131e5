"""Getting documents: HTTP (one client, one retry policy), feeds, and article text out of
HTML, Markdown and plain text. Imports only digest.core."""
