/** The outcome of checking an app id typed or pasted by hand. */
export type AppIdCheck =
  | { ok: true; appId: string }
  | {
      ok: false;
      message: string;
      /** The app id found inside the text, offered to the user rather than used silently. */
      suggestion?: string;
    };

const EXAMPLE = '2cfc529e-6fd9-4a82-8f27-87b6f395c930';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_INSIDE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PART_LENGTHS = [8, 4, 4, 4, 12];
const MAX_SHOWN_LENGTH = 60;

/**
 * Checks that `text` is an app id, a UUID such as 2cfc529e-6fd9-4a82-8f27-87b6f395c930, and
 * explains in words what is wrong when it is not. Spaces around the id are ignored.
 */
export function checkAppId(text: string): AppIdCheck {
  const appId = text.trim();
  if (appId === '') {
    return { ok: false, message: 'The app id is empty. Choose a workflow or paste its app id.' };
  }
  if (UUID.test(appId)) return { ok: true, appId };

  const found = UUID_INSIDE.exec(appId)?.[0];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(appId)) {
    return found
      ? {
          ok: false,
          message: `This is a web address, not an app id. The app id in it is ${found}.`,
          suggestion: found,
        }
      : {
          ok: false,
          message: `This is a web address, not an app id, and it contains none. Copy the app id from the workflow's "Run via Webhook" panel.`,
        };
  }
  if (/^[{("'[<].*[})"'\]>]$/.test(appId) && found) {
    return {
      ok: false,
      message: `The app id is wrapped in ${appId[0]}${appId.at(-1)}. Remove them: ${found}.`,
      suggestion: found,
    };
  }

  const space = /\s/.exec(appId);
  if (space) {
    const withoutSpaces = appId.replace(/\s+/g, '');
    return {
      ok: false,
      message: `The app id has a space at position ${space.index + 1}. Remove it.`,
      suggestion: UUID.test(withoutSpaces) ? withoutSpaces : undefined,
    };
  }
  if (found) {
    return {
      ok: false,
      message: `The app id has extra text around it. The app id is ${found}.`,
      suggestion: found,
    };
  }
  return { ok: false, ...describeBadShape(appId) };
}

function describeBadShape(appId: string): { message: string; suggestion?: string } {
  const shown = appId.length > MAX_SHOWN_LENGTH ? `${appId.slice(0, MAX_SHOWN_LENGTH)}…` : appId;
  const badCharacter = /[^0-9a-f-]/i.exec(appId);
  if (badCharacter) {
    return {
      message: `The app id "${shown}" is not a UUID: it has "${badCharacter[0]}" at position ${badCharacter.index + 1}; an app id has only the digits 0-9, the letters a-f and dashes, as in ${EXAMPLE}.`,
    };
  }
  if (/^[0-9a-f]{32}$/i.test(appId)) {
    const withDashes = [0, 8, 12, 16, 20]
      .map((start, index) => appId.slice(start, start + (PART_LENGTHS[index] ?? 0)))
      .join('-');
    return {
      message: `The app id has no dashes. With dashes it reads ${withDashes}.`,
      suggestion: withDashes,
    };
  }

  const parts = appId.split('-');
  if (parts.length !== PART_LENGTHS.length) {
    return {
      message: `The app id "${shown}" is not a UUID: it has ${parts.length} ${parts.length === 1 ? 'part' : 'parts'} separated by dashes, but an app id has 5 (8-4-4-4-12 characters, as in ${EXAMPLE}). Part of it may be missing; copy it again.`,
    };
  }
  const wrongPart = parts.findIndex((part, index) => part.length !== PART_LENGTHS[index]);
  const part = parts[wrongPart] ?? '';
  return {
    message: `The app id "${shown}" is not a UUID: its part ${wrongPart + 1}, "${part}", has ${part.length} characters instead of ${PART_LENGTHS[wrongPart]}. An app id reads like ${EXAMPLE}; copy it again.`,
  };
}
