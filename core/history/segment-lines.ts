/** One complete line of a segment file, located by byte offset so it can be read again alone. */
export interface SegmentLine {
  offset: number;
  length: number;
  text: string;
}

/**
 * Splits bytes read from a segment, starting at byte `startOffset` of the file, into complete
 * lines. Bytes after the last newline form the torn tail: a line whose write did not finish, or
 * is still being written by another process.
 */
export function splitSegmentLines(bytes: Buffer, startOffset: number) {
  const lines: SegmentLine[] = [];
  let lineStart = 0;
  for (;;) {
    const newline = bytes.indexOf(10, lineStart);
    if (newline === -1) break;
    if (newline > lineStart) {
      lines.push({
        offset: startOffset + lineStart,
        length: newline - lineStart,
        text: bytes.toString('utf8', lineStart, newline),
      });
    }
    lineStart = newline + 1;
  }
  const tornTailBytes = bytes.length - lineStart;
  return { lines, completeBytes: lineStart, tornTailBytes };
}
