// Streams the shop's news to browsers: a function URL with `stream: true` (RESPONSE_STREAM).
export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 200,
    headers: { "content-type": "text/plain" },
  });
  for (const line of ["new: blue mugs", "new: red mugs"]) {
    responseStream.write(line + "\n");
  }
  responseStream.end();
});
