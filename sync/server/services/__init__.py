"""What the routers and the CLI call: each service runs its own transactions over the data layer."""
