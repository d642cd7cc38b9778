// Server-sent events over fetch: EventSource cannot send the Authorization header, so the stream is read with
// a streaming reader and parsed per the text/event-stream format (event:, data:, id:, comments, blank line
// ends an event).
import { request } from './api.js';

/**
 * Reads the stream at path, calling onEvent({event, data}) for each event (data parsed as JSON when it is).
 * Resolves when the stream ends, with { retry }: the server's last reconnection hint in ms (the `retry:`
 * field), or null; rejects on HTTP or network errors. Abort with the signal.
 */
export async function readEventStream(path, { signal, onEvent }) {
  const response = await request(path, { signal, accept: 'text/event-stream' });
  if (!response.ok || !response.body) {
    throw new Error(`event stream answered ${response.status}`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = { event: 'message', data: [] };
  let retry = null;

  const dispatch = () => {
    if (event.data.length > 0) {
      const raw = event.data.join('\n');
      let data = raw;
      try {
        data = JSON.parse(raw);
      } catch {
        // plain text data
      }
      onEvent({ event: event.event, data });
    }
    event = { event: 'message', data: [] };
  };

  const processLine = (line) => {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event.event = value;
    else if (field === 'data') event.data.push(value);
    else if (field === 'retry' && /^[0-9]+$/.test(value)) retry = Number(value);
  };

  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) !== -1) {
      const line = buffer.slice(0, newline);
      const length = buffer.startsWith('\r\n', newline) ? 2 : 1;
      buffer = buffer.slice(newline + length);
      processLine(line);
    }
  }
  if (buffer) processLine(buffer);
  dispatch();
  return { retry };
}
