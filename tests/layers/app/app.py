import shared_greeting


def handler(event, context):
    return {"greeting": shared_greeting.greeting(event.get("name", "world"))}
