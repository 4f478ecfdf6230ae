exports.main = async (event) => ({ statusCode: 200 });
