"""A module only the `common` layer provides."""


def greeting(name):
    return f"bonjour {name}"
