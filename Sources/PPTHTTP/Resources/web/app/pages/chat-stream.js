// Following one answer's Server-Sent Events to the end. The server keeps generating when a
// connection drops, so a broken stream is resumed from the answer's stream endpoint with the last
// event id: the server then sends only what came after it, and no text is appended twice.
import { Problem } from '../core/api.js';

/** Waits between reconnection attempts (milliseconds): quick at first, then every 15 s. */
const BACKOFF = [1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000];

/** The stream path of an answer. */
export function answerStreamPath(sessionID, messageID) {
  return `/ai/chat/sessions/${encodeURIComponent(sessionID)}/messages/${encodeURIComponent(messageID)}/stream`;
}

/** A connection that broke rather than a refusal by the server: worth resuming. */
function isDropped(error) {
  if (!(error instanceof Problem)) return true; // a TypeError from reading the body: the network went away
  return error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}

function pause(ms, signal) {
  return new Promise((resolve, reject) => {
    const abort = () => { clearTimeout(timer); reject(signal.reason); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', abort); resolve(); }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * Follows an answer until its `done` or `error` event.
 * - `open(onEvent)`: the first connection (asking the question, or resuming an answer);
 * - `org`, `sessionID`: where to resume; the answer's id comes from its `start` event or `messageID`;
 * - `cursor`: `{ lastEventId }`, kept up to date so a later call can go on from it;
 * - `onEvent(event)`: every event; `onConnection('reconnecting' | 'connected')`.
 * Resolves after the terminal event. Rejects with the server's `Problem` (a refusal), the abort
 * error, or a `Problem` with code `chat.connection_lost` when reconnecting kept failing.
 */
export async function followAnswer({ org, sessionID, messageID, open, cursor = {}, signal, onEvent, onConnection }) {
  let answerID = messageID ?? null;
  let finished = false;
  let failures = 0;
  let reconnecting = false;
  const handle = (event) => {
    if (event.id) cursor.lastEventId = event.id;
    if (event.event === 'start' && event.data?.id) answerID = event.data.id;
    if (event.event === 'done' || event.event === 'error') finished = true;
    failures = 0;
    if (reconnecting) { reconnecting = false; onConnection?.('connected'); }
    onEvent(event);
  };
  let connect = open;
  for (;;) {
    try {
      await connect(handle);
      if (finished) return;
      if (!answerID) throw new Problem(0, { detail: 'The answer stream ended before it started.' });
    } catch (error) {
      if (error?.name === 'AbortError' || signal?.aborted) throw error;
      // Before the answer exists nothing can be resumed: the caller decides (reload or retry).
      if (!answerID || !isDropped(error)) throw error;
    }
    if (failures >= BACKOFF.length) {
      throw new Problem(0, { code: 'chat.connection_lost', detail: 'The connection to the answer was lost.' });
    }
    if (!reconnecting) { reconnecting = true; onConnection?.('reconnecting'); }
    await pause(BACKOFF[failures], signal);
    failures += 1;
    connect = (onEvent) => org.stream(answerStreamPath(sessionID, answerID), {
      signal, lastEventId: cursor.lastEventId, onEvent,
    });
  }
}
