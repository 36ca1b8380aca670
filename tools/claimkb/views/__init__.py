"""Views: records to docutils nodes — cards, tables, compare blocks, generated pages, charts, the
schema reference, exports, search terms and links. They read the knowledge base through the
`claim` domain's public methods and import nothing of the Sphinx layer."""
