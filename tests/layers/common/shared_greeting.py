"""Only the `common` layer provides this module: a function importing it runs only with the layer."""


def greeting(name):
    return f"bonjour {name}"
