// The HTML of GET /documents/page: an upload form and the uploads as they happen. Text goes in with textContent.

export const DOCUMENTS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Corbel documents</title>
<style>
  body { font: 15px system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; }
  form { display: grid; gap: .5rem; margin-bottom: 1rem; } #log { white-space: pre-wrap; } .error { color: #b00; }
</style>
</head>
<body>
<h1>Corbel documents</h1>
<form id="upload">
  <input name="title" placeholder="title" aria-label="title" required>
  <input name="rating" type="number" min="1" max="5" placeholder="rating (1-5)" aria-label="rating">
  <input name="file" type="file" accept="image/png,image/jpeg,application/pdf" aria-label="file" required>
  <button>Upload</button>
</form>
<div id="result"></div>
<h2>Uploads, live</h2>
<div id="log" aria-live="polite"></div>
<script>
  const log = document.getElementById('log');
  const result = document.getElementById('result');
  const events = new EventSource('/documents/events');
  events.addEventListener('ready', (event) => {
    result.textContent = 'Watching: ' + JSON.parse(event.data).documents + ' document(s) so far.';
  });
  events.addEventListener('added', (event) => {
    const doc = JSON.parse(event.data);
    const line = document.createElement('div');
    line.textContent = '#' + doc.id + ' ' + doc.title + ' (' + doc.fileName + ', ' + doc.size + ' bytes)';
    log.prepend(line);
  });
  document.getElementById('upload').addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/documents', { method: 'POST', body: new FormData(event.target) });
    result.className = response.ok ? '' : 'error';
    result.textContent = response.status + ' ' + (await response.text());
  });
</script>
</body>
</html>
`;
