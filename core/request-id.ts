/** Creates a short opaque `X-Request-ID`, which Hatz reuses in its reply and logs. */
export function createRequestId(): string {
  return `hwt-${crypto.randomUUID()}`;
}
