class Api:
    def handler(self, event, context):
        return {"statusCode": 200}
