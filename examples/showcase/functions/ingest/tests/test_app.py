"""Left out of the package by `exclude: ["tests/**"]`."""
