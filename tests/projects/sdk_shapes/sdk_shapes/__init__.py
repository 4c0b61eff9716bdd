"""Provider SDK call shapes exercised by the end-to-end tests."""
