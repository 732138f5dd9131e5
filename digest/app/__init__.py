"""The top layer: the pipeline (the only module that knows the order of the stages), the
scheduler, the CLI and the preview server."""
