type Event = { name?: string };

const greet = (name: string): string => `hello, ${name}`;

export const handler = async (event: Event): Promise<string> => greet(event.name ?? "world");
