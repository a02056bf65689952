"""Commands of the national picture room."""
