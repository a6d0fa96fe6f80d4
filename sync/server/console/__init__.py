"""The offices' web console under /console/: server-rendered pages over the server's own services."""
