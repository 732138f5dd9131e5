"""A Digest -> an Email: Jinja2 templates to MJML to HTML, and the text part, with named
per-recipient slots (the values are delivery's business)."""
