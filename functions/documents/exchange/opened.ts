// The edXML messages a warm function has verified and parsed lately, by the SHA-256 of their text. The hub delivers
// one envelope per recipient agency and all of a document's envelopes point to the same signed object, so without
// this the inbound function verified the same signature (a full parse and canonicalisation of the message with its
// Base64 attachments) once per agency: 50 times for a document to 50 communes. Verifying is a function of the bytes
// alone, so the same bytes get the same answer; a failure is not kept (the next call throws it again).
import { createHash } from 'node:crypto';
import { openSignedEdxml } from '../edxml/index';

type Opened = ReturnType<typeof openSignedEdxml>;

/** What the kept messages may weigh, counted as their text's length (their decoded attachments weigh less). */
const MAX_CHARS = 24 * 1024 * 1024;
const kept = new Map<string, { chars: number; opened: Opened }>();
let keptChars = 0;

/** openSignedEdxml, answered from the last few messages when the same text comes again. Treat the result as read-only. */
export function openSignedEdxmlOnce(xml: string): Opened {
  const key = createHash('sha256').update(xml).digest('hex');
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key); // most recently used last: the oldest goes first
    kept.set(key, hit);
    return hit.opened;
  }
  const opened = openSignedEdxml(xml);
  if (xml.length <= MAX_CHARS / 2) {
    kept.set(key, { chars: xml.length, opened });
    keptChars += xml.length;
    for (const [oldest, entry] of kept) {
      if (keptChars <= MAX_CHARS) break;
      kept.delete(oldest);
      keptChars -= entry.chars;
    }
  }
  return opened;
}
