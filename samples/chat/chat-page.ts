// The HTML of GET /chat: join a room, talk, see who comes and goes. Text is shown with textContent only.
import { NAME_MAX_LENGTH, TEXT_MAX_LENGTH } from './chat-rules';

export const CHAT_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Corbel chat</title>
<link rel="icon" href="/chat/favicon.svg" type="image/svg+xml">
<style>
  :root { --accent: #2f6f4f; --own: #e4f2ea; --muted: #6b6b6b; --error: #a4161a; }
  body { font: 15px/1.4 system-ui, sans-serif; max-width: 42rem; margin: 1.5rem auto; padding: 0 1rem; color: #1c1c1c; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: .75rem 0; }
  label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .2rem; }
  label.grow { flex: 1; }
  input { font: inherit; padding: .4rem .5rem; border: 1px solid #bbb; border-radius: 4px; }
  button { font: inherit; padding: .45rem .9rem; border: 0; border-radius: 4px; background: var(--accent); color: white; }
  button:disabled, input:disabled { opacity: .5; }
  #status { min-height: 1.4em; margin: .25rem 0; color: var(--muted); }
  #status.error { color: var(--error); }
  #log { list-style: none; margin: 0; padding: .5rem; border: 1px solid #ccc; border-radius: 6px; height: 22rem;
    overflow-y: auto; display: flex; flex-direction: column; gap: .35rem; }
  #log li { max-width: 80%; padding: .3rem .6rem; border-radius: 8px; background: #f1f1f1; align-self: flex-start; }
  #log li.own { align-self: flex-end; background: var(--own); }
  #log li.system { background: none; color: var(--muted); font-size: .85rem; align-self: center; }
  #log li.error { background: #fde8e8; color: var(--error); align-self: stretch; }
  .meta { display: block; font-size: .75rem; color: var(--muted); }
  .text { white-space: pre-wrap; overflow-wrap: anywhere; }
  .hint { color: var(--muted); font-size: .85rem; }
</style>
</head>
<body>
<h1>Corbel chat</h1>
<form id="join">
  <label>Room <input name="room" value="lobby" required maxlength="64" autocomplete="off"></label>
  <label>Your name <input name="name" required minlength="1" maxlength="${NAME_MAX_LENGTH}" autocomplete="nickname"></label>
  <button>Join</button>
</form>
<p id="status" role="status">Choose a room and a name (1 to ${NAME_MAX_LENGTH} characters), then join.</p>
<ul id="log" aria-live="polite" aria-label="Conversation"></ul>
<form id="say">
  <label class="grow">Message <input name="text" required maxlength="${TEXT_MAX_LENGTH}" autocomplete="off" disabled></label>
  <button disabled>Send</button>
</form>
<p class="hint">Each message is <code>{"event":"say","data":{"text":"…"}}</code> on
<code>ws://host/rooms/:room?name=…</code>; the server refuses a name outside 1 to ${NAME_MAX_LENGTH} characters before
the socket opens, and answers a message it cannot take with an <code>error</code> event instead of hanging up.</p>
<script>
  const NAME_MAX = ${NAME_MAX_LENGTH};
  const log = document.getElementById('log');
  const say = document.getElementById('say');
  const status = document.getElementById('status');
  const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  let socket;
  let myName = '';
  // What this page sent and has not seen come back yet: the room echoes every message, the sender's too.
  const sent = [];

  function setStatus(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }
  function add(kind, text, who) {
    const item = document.createElement('li');
    if (kind) item.className = kind;
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = (who ? who + ' · ' : '') + clock.format(new Date());
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    item.append(meta, body);
    log.append(item);
    log.scrollTop = log.scrollHeight;
  }
  function enable(on) { for (const element of say.elements) element.disabled = !on; }
  /** A validation answer is a list of entries; a refused frame says its close code and reason. */
  function describeError(data) {
    if (Array.isArray(data)) return data.map((entry) => entry.msg).join('; ');
    if (data && typeof data.reason === 'string') return data.reason + ' (' + data.code + ')';
    return 'the server could not take that message';
  }
  function nameProblem(name) {
    if (name.length === 0) return 'Enter a name to join.';
    if (name.length > NAME_MAX) return 'Names are 1 to ' + NAME_MAX + ' characters; this one has ' + name.length + '.';
    return '';
  }

  document.getElementById('join').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const name = String(form.get('name'));
    const room = String(form.get('room'));
    const problem = nameProblem(name);
    if (problem) { setStatus(problem, true); return; }
    if (socket) socket.close(1000, 'switching rooms');
    const url = new URL('/rooms/' + encodeURIComponent(room), location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('name', name);
    const current = new WebSocket(url);
    let opened = false;
    socket = current;
    myName = name;
    sent.length = 0;
    setStatus('Joining ' + room + '…');
    current.onopen = () => {
      opened = true;
      enable(true);
      setStatus('In ' + room + ' as ' + name + '.');
      say.elements.text.focus();
    };
    current.onclose = (closed) => {
      if (socket !== current) return;
      enable(false);
      // A refused handshake never opens: the browser reports only 1006, so say what the server checks.
      if (!opened) setStatus('The server refused to let ' + name + ' join ' + room + ': names are 1 to ' + NAME_MAX + ' characters. Try another name.', true);
      else if (closed.code === 1000 || closed.code === 1001) setStatus('Left ' + room + (closed.reason ? ': ' + closed.reason : '.'));
      else setStatus('Disconnected (' + closed.code + (closed.reason ? ', ' + closed.reason : '') + '). Join again to continue.', true);
    };
    current.onmessage = (message) => {
      const { event: kind, data } = JSON.parse(message.data);
      if (kind === 'message') {
        const isMine = data.name === myName && sent[0] === data.text;
        if (isMine) sent.shift();
        add(isMine ? 'own' : '', data.text, isMine ? 'you' : data.name);
      } else if (kind === 'joined') {
        add('system', (data.name === myName ? 'You' : data.name) + ' joined · here: ' + data.members.join(', '));
      } else if (kind === 'left') {
        add('system', data.name + ' left');
      } else if (kind === 'error') {
        sent.shift();
        add('error', 'Not sent: ' + describeError(data));
      }
    };
  });

  say.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = say.elements.text.value;
    sent.push(text);
    socket.send(JSON.stringify({ event: 'say', data: { text } }));
    say.elements.text.value = '';
  });
</script>
</body>
</html>
`;

/** The page's icon: a speech bubble, so the browser does not ask for a /favicon.ico nobody serves. */
export const CHAT_FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="#2f6f4f" d="M4 5h24a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H13l-7 6v-6H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z"/></svg>`;
