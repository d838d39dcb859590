import { useMemo } from 'react';

import { renderMarkdown } from '../render-markdown.ts';

/** Outputs longer than this are shown as text, because rendering them would stall the window. */
const MAX_RENDERED_LENGTH = 200_000;

/** Shows a text output rendered as Markdown, sanitised, or as plain text when it is very long. */
export function MarkdownOutput({ text }: { text: string }) {
  const html = useMemo(
    () => (text.length <= MAX_RENDERED_LENGTH ? renderMarkdown(text) : null),
    [text],
  );
  if (html === null) return <pre className="code-block output-text">{text}</pre>;
  // The HTML comes from renderMarkdown, which sanitises it with DOMPurify.
  return <div className="markdown-output" dangerouslySetInnerHTML={{ __html: html }} />;
}
