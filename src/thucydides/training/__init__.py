"""training: scripts that build what the runtime loads (models, derived tables); the runtime never imports them."""
