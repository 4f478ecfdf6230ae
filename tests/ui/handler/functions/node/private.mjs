async function handler(event) {
  return { statusCode: 200 };
}

export const main = handler;
