// An ES module: the handler is a named export.
export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.rawPath }) });
