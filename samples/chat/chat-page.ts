// The HTML of GET /chat: join a room, say things, see who comes and goes. Text is shown with textContent only.

export const CHAT_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Corbel chat</title>
<style>
  body { font: 15px system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; }
  #log { border: 1px solid #ccc; height: 20rem; overflow-y: auto; padding: .5rem; white-space: pre-wrap; }
  .system { color: #777; } .error { color: #b00; }
  form { display: flex; gap: .5rem; margin: .5rem 0; } input[name=text] { flex: 1; }
</style>
</head>
<body>
<h1>Corbel chat</h1>
<form id="join">
  <input name="room" value="lobby" aria-label="room"> <input name="name" placeholder="your name" aria-label="name" required>
  <button>Join</button>
</form>
<div id="log" aria-live="polite"></div>
<form id="say"><input name="text" aria-label="message" autocomplete="off" disabled> <button disabled>Send</button></form>
<p class="system">Messages are <code>{"event":"say","data":{"text":"…"}}</code> on <code>ws://host/rooms/:room?name=…</code>.
Try sending an empty message: the server answers with an <code>error</code> event instead of hanging up.</p>
<script>
  const log = document.getElementById('log');
  const say = document.getElementById('say');
  let socket;
  function show(text, kind) {
    const line = document.createElement('div');
    line.textContent = text;
    if (kind) line.className = kind;
    log.append(line);
    log.scrollTop = log.scrollHeight;
  }
  function enable(on) { for (const element of say.elements) element.disabled = !on; }
  document.getElementById('join').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    if (socket) socket.close(1000, 'switching rooms');
    const url = new URL('/rooms/' + encodeURIComponent(form.get('room')), location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('name', form.get('name'));
    const current = new WebSocket(url);
    socket = current;
    current.onopen = () => { enable(true); show('connected to ' + url.pathname, 'system'); };
    current.onclose = (closed) => {
      if (socket === current) enable(false);
      show('closed ' + closed.code + (closed.reason ? ' ' + closed.reason : ''), 'system');
    };
    current.onmessage = (message) => {
      const { event: name, data } = JSON.parse(message.data);
      if (name === 'message') show(data.name + ': ' + data.text);
      else if (name === 'joined') show(data.name + ' joined (' + data.members.join(', ') + ')', 'system');
      else if (name === 'left') show(data.name + ' left', 'system');
      else if (name === 'error') show('error: ' + JSON.stringify(data), 'error');
      else show(message.data, 'system');
    };
  });
  say.addEventListener('submit', (event) => {
    event.preventDefault();
    socket.send(JSON.stringify({ event: 'say', data: { text: say.elements.text.value } }));
    say.elements.text.value = '';
  });
</script>
</body>
</html>
`;
