"""The record lists: table models over the store, columns, the filter bar, the team log."""
