export function greeting(name: string): string {
  return `hello, ${name}`;
}

export function fail(): never {
  throw new Error("greet failed on purpose");
}
