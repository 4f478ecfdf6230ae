import { greeting } from "./greeting";

interface GreetEvent {
  name?: string;
}

export const handler = async (event: GreetEvent): Promise<{ statusCode: number; body: string }> => {
  return { statusCode: 200, body: greeting(event.name ?? "world") };
};
