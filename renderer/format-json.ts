/** Text to show for a reply body or an output, and whether it is JSON, so it can be styled. */
export interface FormattedText {
  text: string;
  isJson: boolean;
}

/**
 * Pretty-prints a body when it is JSON, else returns it as received. Only whitespace outside
 * strings changes: the tokens are copied, not parsed and printed again, so a 20-digit id or
 * `1.0` reads exactly as the server sent it.
 */
export function formatBody(body: string): FormattedText {
  if (body.trim() === '') return { text: body, isJson: false };
  try {
    JSON.parse(body);
  } catch {
    return { text: body, isJson: false };
  }
  return { text: reindentJson(body), isJson: true };
}

/**
 * Formats a job's outputs: text as it is, `{ "output": "…" }` unwrapped to its text, anything
 * else as indented JSON. Returns null when the job reported no outputs.
 */
export function formatJobOutputs(outputs: unknown): FormattedText | null {
  if (outputs === undefined || outputs === null) return null;
  if (typeof outputs === 'string') return { text: outputs, isJson: false };

  if (typeof outputs === 'object' && !Array.isArray(outputs)) {
    const entries = Object.entries(outputs);
    const [onlyEntry] = entries;
    if (entries.length === 1 && onlyEntry?.[0] === 'output' && typeof onlyEntry[1] === 'string') {
      return { text: onlyEntry[1], isJson: false };
    }
  }
  return { text: JSON.stringify(outputs, null, 2) ?? String(outputs), isJson: true };
}

/** Re-indents valid JSON text by two spaces; the caller checks validity first. */
function reindentJson(text: string): string {
  const indentUnit = '  ';
  let output = '';
  let depth = 0;
  let isInString = false;

  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? '';

    if (isInString) {
      output += character;
      if (character === '\\') {
        output += text[index + 1] ?? '';
        index += 1;
      } else if (character === '"') {
        isInString = false;
      }
      continue;
    }

    if (character === ' ' || character === '\t' || character === '\n' || character === '\r')
      continue;

    if (character === '"') {
      isInString = true;
      output += character;
    } else if (character === '{' || character === '[') {
      const closer = character === '{' ? '}' : ']';
      const nextIndex = indexOfNextToken(text, index + 1);
      if (text[nextIndex] === closer) {
        output += character + closer;
        index = nextIndex;
      } else {
        depth += 1;
        output += `${character}\n${indentUnit.repeat(depth)}`;
      }
    } else if (character === '}' || character === ']') {
      depth -= 1;
      output += `\n${indentUnit.repeat(depth)}${character}`;
    } else if (character === ',') {
      output += `,\n${indentUnit.repeat(depth)}`;
    } else if (character === ':') {
      output += ': ';
    } else {
      output += character;
    }
  }
  return output;
}

function indexOfNextToken(text: string, start: number): number {
  let index = start;
  while (index < text.length && ' \t\n\r'.includes(text[index] ?? '')) index += 1;
  return index;
}
