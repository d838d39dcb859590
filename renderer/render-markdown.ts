import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * Tags removed from rendered outputs. Images and media would load remote content, which the
 * Content Security Policy blocks anyway; forms, frames and styles have no place in an output.
 */
const FORBIDDEN_TAGS = [
  'img',
  'picture',
  'source',
  'video',
  'audio',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'style',
  'link',
  'meta',
  'svg',
  'math',
];

/**
 * Renders Markdown from a workflow's output as sanitised HTML. Raw HTML in the output passes
 * through DOMPurify, so no script, event handler or remote load survives.
 */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true });
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: ['style', 'srcset', 'target'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  });
}
