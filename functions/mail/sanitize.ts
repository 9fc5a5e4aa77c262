// The HTML of a received message, made safe to show inside the officials' console: nothing in it can run (no
// script, no event handler, no javascript: link, no form that posts a password elsewhere) and nothing can load
// from elsewhere (no remote image, stylesheet, frame or font), because a loaded image tells its sender when and
// from where an official read the mail. Only inline images (`cid:`, parts of the message itself) remain; the
// reader replaces them with short-lived links to those parts. An allowlist (sanitize-html, a real HTML parser)
// rather than a blocklist: whatever is not named here is dropped, including HTML that does not exist yet.
import sanitize from 'sanitize-html';

/** Formatting that mail clients produce (Outlook and Gmail still write font, center and table layouts). */
const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd',
  'del', 'div', 'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li',
  'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul',
];

// No `style` (url() in it loads remote images and fonts, and positioning can dress a message up as the console
// itself), no `class`, `id` or `name` (they would reach the console's own CSS and DOM: `<img name=…>` shadows a
// global), no `background`, `srcset` or `on*`.
const TABLE_LAYOUT = ['align', 'valign', 'width', 'height', 'bgcolor'];
const ALLOWED_ATTRIBUTES: sanitize.IOptions['allowedAttributes'] = {
  '*': ['dir', 'lang', 'title'],
  a: ['href', 'rel', 'target'],
  img: ['src', 'alt', 'width', 'height'],
  font: ['color', 'face', 'size'],
  table: [...TABLE_LAYOUT, 'border', 'cellpadding', 'cellspacing'],
  tr: TABLE_LAYOUT,
  td: [...TABLE_LAYOUT, 'colspan', 'rowspan', 'nowrap'],
  th: [...TABLE_LAYOUT, 'colspan', 'rowspan', 'nowrap', 'scope'],
  col: ['span', 'width'],
  colgroup: ['span', 'width'],
  p: ['align'],
  div: ['align'],
  h1: ['align'], h2: ['align'], h3: ['align'], h4: ['align'], h5: ['align'], h6: ['align'],
  ol: ['start', 'type'],
  li: ['value'],
  blockquote: ['cite'],
};

/** Tags dropped together with their content (the others that are not allowed lose the tag but keep their text). */
const DROPPED_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'select', 'noscript', 'title', 'head', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'applet', 'template', 'svg', 'math', 'audio', 'video', 'canvas', 'button',
];

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
const INLINE_IMAGE = /^cid:[^\s"'<>]+$/i;

const OPTIONS: sanitize.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: ALLOWED_ATTRIBUTES,
  nonTextTags: DROPPED_WITH_CONTENT,
  disallowedTagsMode: 'discard',
  // Second line behind the transforms below: sanitize-html's own scheme check (it also sees through entities
  // and control characters such as `java&#x09;script:`).
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['cid'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  transformTags: {
    // Only absolute web and mail links: a relative one would point into the console's own origin. Every link
    // opens outside the console and tells the target neither the console's address nor a handle to its window.
    a: (tagName, attribs) => {
      const { href, rel: _rel, target: _target, ...rest } = attribs;
      const safe = href !== undefined && SAFE_LINK.test(href.trim());
      return {
        tagName,
        attribs: { ...rest, ...(safe ? { href: href.trim(), target: '_blank', rel: 'noopener noreferrer nofollow' } : {}) },
      };
    },
    // An image is shown only when it is part of the message; any other (remote, relative, data:) becomes its
    // alt text, so the reader still sees what it stood for and no request leaves the browser.
    img: (tagName, attribs) => {
      const src = attribs.src?.trim() ?? '';
      // The scheme in lower case: the reader finds `cid:<Content-ID>` by plain string matching.
      if (INLINE_IMAGE.test(src)) return { tagName, attribs: { ...attribs, src: `cid:${src.slice(4)}` } };
      return { tagName: 'span', attribs: {}, text: attribs.alt ?? '' };
    },
  },
};

export function sanitizeHtml(html: string): string {
  return sanitize(html, OPTIONS);
}
