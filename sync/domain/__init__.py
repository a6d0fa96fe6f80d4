"""Pure domain rules that device and server both apply: the vocabulary, the field catalogue, the
review steps, record rules, consent, phone numbers, counting, 三覆盖 coverage and the evaluation.
No Qt, no SQL, no HTTP."""
