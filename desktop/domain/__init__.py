"""The desktop's records and their rules: record classes, the record-kind registry (kinds),
validation, filters, concurrent-edit merging, search text. Plain Python: no Qt, no SQL."""
