def handler(event):
    return {"statusCode": 200}
