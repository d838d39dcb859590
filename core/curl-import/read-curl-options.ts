/** The request a curl command line describes, before it is matched to the Hatz API. */
export interface CurlOptions {
  url?: string;
  method?: string;
  headers: Array<{ name: string; value: string }>;
  /** Each data argument in order, with the option that gave it. */
  data: Array<{ option: string; value: string }>;
  isGet: boolean;
  notes: string[];
}

/** Options that take an argument and matter to a Hatz request. */
const DATA_OPTIONS = new Set([
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-ascii',
  '--json',
]);

/** Short options that take an argument; the argument may be glued on, as in -XPOST. */
const SHORT_WITH_ARGUMENT = new Set('XHdFuoAebcmxTwKrzEUYyCD'.split(''));

/** Long options that take an argument, so the next word is not read as the URL. */
const LONG_WITH_ARGUMENT = new Set([
  '--request',
  '--header',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-ascii',
  '--json',
  '--data-urlencode',
  '--url',
  '--user',
  '--output',
  '--user-agent',
  '--referer',
  '--cookie',
  '--cookie-jar',
  '--max-time',
  '--connect-timeout',
  '--proxy',
  '--form',
  '--form-string',
  '--upload-file',
  '--retry',
  '--retry-delay',
  '--retry-max-time',
  '--write-out',
  '--cacert',
  '--capath',
  '--cert',
  '--cert-type',
  '--key',
  '--key-type',
  '--config',
  '--range',
  '--resolve',
  '--interface',
  '--proxy-user',
  '--limit-rate',
  '--max-redirs',
  '--dump-header',
  '--trace',
  '--trace-ascii',
  '--stderr',
  '--oauth2-bearer',
  '--connect-to',
  '--variable',
  '--expand-data',
  '--expand-header',
  '--expand-url',
  '--ciphers',
  '--tls-max',
  '--netrc-file',
  '--unix-socket',
]);

/** Flags that change nothing the app sends, so ignoring them needs no mention. */
const HARMLESS_FLAGS = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-L',
  '--location',
  '-i',
  '--include',
  '-v',
  '--verbose',
  '--compressed',
  '-f',
  '--fail',
  '--fail-with-body',
  '-N',
  '--no-buffer',
  '-g',
  '--globoff',
  '-#',
  '--progress-bar',
  '--http1.1',
  '--http2',
  '-4',
  '-6',
  '-q',
]);

/**
 * Reads curl's options from the words after `curl`: the URL, method, headers and data, and a note
 * for each option the app does not use. Never copies a header value or user name into a note,
 * because either may be a secret.
 */
export function readCurlOptions(words: readonly string[]): CurlOptions {
  const options: CurlOptions = { headers: [], data: [], isGet: false, notes: [] };
  const notes = new Set<string>();
  const urls: string[] = [];

  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    const takeArgument = (): string | undefined => {
      index += 1;
      return words[index];
    };

    if (word.startsWith('--')) {
      const [name, glued] = splitLongOption(word);
      const value = LONG_WITH_ARGUMENT.has(name) ? (glued ?? takeArgument()) : undefined;
      applyOption({ name, value, options, urls, notes });
    } else if (word.startsWith('-') && word.length > 1) {
      for (let position = 1; position < word.length; position += 1) {
        const letter = word[position] ?? '';
        const name = `-${letter}`;
        if (!SHORT_WITH_ARGUMENT.has(letter)) {
          applyOption({ name, options, urls, notes });
          continue;
        }
        const glued = word.slice(position + 1);
        applyOption({ name, value: glued !== '' ? glued : takeArgument(), options, urls, notes });
        break;
      }
    } else {
      urls.push(word);
    }
  }

  if (urls.length > 1) {
    notes.add(`The command names ${urls.length} URLs; only the first, ${urls[0]}, was used.`);
  }
  options.url = urls[0];
  options.notes = [...notes];
  return options;
}

interface AppliedOption {
  name: string;
  value?: string;
  options: CurlOptions;
  urls: string[];
  notes: Set<string>;
}

function applyOption({ name, value, options, urls, notes }: AppliedOption): void {
  const takesArgument = LONG_WITH_ARGUMENT.has(name) || SHORT_WITH_ARGUMENT.has(name.slice(1));
  if (takesArgument && value === undefined) {
    notes.add(`${name} has no value after it, so it was ignored.`);
    return;
  }
  const argument = value ?? '';

  if (name === '-X' || name === '--request') options.method = argument.toUpperCase();
  else if (name === '-H' || name === '--header') readHeader(argument, options, notes);
  else if (DATA_OPTIONS.has(name) || name === '-d')
    options.data.push({ option: name, value: argument });
  else if (name === '--url') urls.push(argument);
  else if (name === '-G' || name === '--get') options.isGet = true;
  else if (name === '--data-urlencode') {
    notes.add('--data-urlencode sends form data, not JSON, so it was ignored.');
  } else if (name === '-F' || name === '--form' || name === '--form-string') {
    notes.add(
      `${name} sends a multipart form, which a workflow run does not take, so it was ignored. Upload files from the form view instead.`,
    );
  } else if (name === '-u' || name === '--user' || name === '--oauth2-bearer') {
    notes.add(`${name} was ignored: Hatz takes the key in the X-API-Key header only.`);
  } else if (name === '-k' || name === '--insecure') {
    notes.add(`${name} was ignored: the app always checks the server's certificate.`);
  } else if (name === '-x' || name === '--proxy') {
    notes.add(`${name} was ignored: the app uses the system's proxy settings.`);
  } else if (!HARMLESS_FLAGS.has(name)) {
    notes.add(`The option ${name} was ignored.`);
  }
}

function readHeader(header: string, options: CurlOptions, notes: Set<string>): void {
  const colon = header.indexOf(':');
  if (colon <= 0) {
    notes.add('A header without a "Name: value" form was ignored.');
    return;
  }
  options.headers.push({
    name: header.slice(0, colon).trim(),
    value: header.slice(colon + 1).trim(),
  });
}

function splitLongOption(word: string): [string, string | undefined] {
  const equals = word.indexOf('=');
  // curl itself has no --name=value form, but other tools write it, so it is read the same way.
  return equals === -1 ? [word, undefined] : [word.slice(0, equals), word.slice(equals + 1)];
}
