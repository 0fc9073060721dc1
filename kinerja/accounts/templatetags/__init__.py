"""Template tags about the signed-in user."""
