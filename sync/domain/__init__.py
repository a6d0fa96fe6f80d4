"""Rules about record content that the device and the server both apply."""
