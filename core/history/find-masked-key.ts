import { isRecord } from '../json.ts';
import { maskKey } from '../mask-key.ts';

/** Bullets that start a masked key, as `maskKey` writes it. */
const MASK_PREFIX = maskKey('');

/** The masked key found in kept inputs, and the inputs that contain it. */
export interface MaskedKeyInInputs {
  /** The masked text found, such as "••••abcd". */
  maskedKey: string;
  /**
   * Top-level inputs whose value contains it, in the order of the inputs object. Empty when the
   * inputs are not a JSON object, and the mask is somewhere in their text.
   */
  inputNames: string[];
}

/**
 * Finds the masked form of the run's key in a kept run's inputs. History replaces every copy of
 * the key with its masked form, so inputs that carried the key are kept, and would be sent again,
 * with bullets in its place. `lastFour` is the key's last four characters as history kept them,
 * empty for a short key. Returns undefined when the inputs contain no masked key.
 */
export function findMaskedKey(inputsText: string, lastFour: string): MaskedKeyInInputs | undefined {
  const maskedKey = `${MASK_PREFIX}${lastFour}`;
  if (!inputsText.includes(maskedKey)) return undefined;

  let inputs: unknown;
  try {
    inputs = JSON.parse(inputsText);
  } catch {
    return { maskedKey, inputNames: [] };
  }
  if (!isRecord(inputs)) return { maskedKey, inputNames: [] };
  const inputNames = Object.entries(inputs)
    .filter(([, value]) => JSON.stringify(value)?.includes(maskedKey))
    .map(([name]) => name);
  return { maskedKey, inputNames };
}
