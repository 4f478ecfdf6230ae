// Takes a partner's order posted to the function URL and queues it for the worker.
import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";

const sqs = new SQSClient({});

export const handler = async (event) => {
  const order = JSON.parse(event.body ?? "{}");
  if (!order.id) {
    return { statusCode: 400, body: JSON.stringify({ error: "an order needs an id" }) };
  }
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.JOBS_QUEUE_URL, MessageBody: JSON.stringify(order) }));
  return { statusCode: 202, body: JSON.stringify({ queued: order.id }) };
};
