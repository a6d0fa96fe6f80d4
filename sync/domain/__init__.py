"""Pure domain rules that device and server both apply: no Qt, no SQL, no HTTP."""
