"""Pure domain rules that device and server both apply (vocabulary, record rules, review
transitions, counting, indicators and the evaluation): no Qt, no SQL, no HTTP."""
