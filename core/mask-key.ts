/** Returns the form in which a key may be shown: bullets and its last four characters. */
export function maskKey(apiKey: string): string {
  return `••••${lastFour(apiKey)}`;
}

export function lastFour(apiKey: string): string {
  return apiKey.length > 8 ? apiKey.slice(-4) : '';
}
