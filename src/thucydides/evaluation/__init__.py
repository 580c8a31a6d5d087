"""evaluation: the project's own scores on the development sets in ../shared/data."""
