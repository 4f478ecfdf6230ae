const greetings = { fr: "bonjour", en: "hello", de: "hallo" };

export const handler = async (event) => {
  const lang = event.pathParameters?.proxy ?? "en";
  return { statusCode: 200, body: JSON.stringify({ message: greetings[lang] ?? greetings.en }) };
};
