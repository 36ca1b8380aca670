"""Epoch AI's training costs per model as a claims collection (`claimkb import epoch`): `data`
reads the CSV files, `collection` builds the records and writes the collection's text, `run`
puts them together for the command line and checks what it is about to write."""
