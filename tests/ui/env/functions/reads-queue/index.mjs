import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";

const sqs = new SQSClient({});
const stage = process.env.STAGE ?? "dev";

export const handler = async (event) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.JOBS_QUEUE_URL, MessageBody: event.body }));
  return { statusCode: 202, body: stage };
};
