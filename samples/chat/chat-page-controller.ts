// GET /chat: a small page to try the rooms gateway from a browser.
import { createHash } from 'node:crypto';
import { Controller, Get, html } from '@corbel/core';
import { CHAT_PAGE } from './chat-page';

// The app sends helmet's CSP (`script-src 'self'`); this page's own policy allows exactly its inline script by hash.
const script = /<script>([\s\S]*?)<\/script>/.exec(CHAT_PAGE)?.[1] ?? '';
const POLICY = `default-src 'self'; script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'; style-src 'self' 'unsafe-inline'; connect-src 'self'`;

@Controller('/chat')
export class ChatPageController {
  @Get()
  page() {
    return html(CHAT_PAGE, 200, { 'Content-Security-Policy': POLICY });
  }
}
