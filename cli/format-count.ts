/** Formats `count` with its noun in the singular or plural form, such as "1 run" or "2 runs". */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
