// An empty program: what starting tsx alone costs (the floor under every CLI start-up figure).
