"""The core: records, schemas, the collection reader, the registry, every validation rule,
comparability and formatting. No Sphinx, docutils or MyST here: the build and the command line
both call it, so both report the same findings."""
