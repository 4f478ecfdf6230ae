import isNumber from "is-number";
import { readFileSync } from "node:fs";

type OrderEvent = { quantity?: unknown };

const table: string = process.env.ORDERS_TABLE ?? "orders";

export async function handler(event: OrderEvent) {
  const valid: boolean = isNumber(event.quantity);
  // A built-in module, read through the bundle's own `import`.
  const hasTaskRoot = typeof readFileSync === "function";
  return { statusCode: valid ? 200 : 400, body: JSON.stringify({ table, valid, hasTaskRoot }) };
}
