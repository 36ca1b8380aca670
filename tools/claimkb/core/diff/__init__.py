"""What a change does to the ledger (`claimkb diff`), worked out from two knowledge bases without
building the site: `ledger_diff` compares them record by record, `field_changes` writes each
field's difference for people, `finding_diff` matches findings by what they say, and
`site_pages` says which pages of the built site show each record."""
