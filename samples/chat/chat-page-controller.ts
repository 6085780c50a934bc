// GET /chat: a small page to try the rooms gateway from a browser, and its icon.
import { createHash } from 'node:crypto';
import { Controller, Get, Header, html, ResponseValue } from '@corbel/core';
import { CHAT_FAVICON, CHAT_PAGE } from './chat-page';

// The app sends helmet's CSP (`script-src 'self'`); this page's own policy allows exactly its inline script by hash.
const script = /<script>([\s\S]*?)<\/script>/.exec(CHAT_PAGE)?.[1] ?? '';
const POLICY = `default-src 'self'; script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'; style-src 'self' 'unsafe-inline'; connect-src 'self'`;

@Controller('/chat')
export class ChatPageController {
  @Get()
  page() {
    return html(CHAT_PAGE, 200, { 'Content-Security-Policy': POLICY });
  }

  /** GET /chat/favicon.svg — the page links it, so the browser asks for no /favicon.ico. */
  @Get('/favicon.svg')
  @Header('Cache-Control', 'public, max-age=86400')
  favicon() {
    return new ResponseValue(200, [['content-type', 'image/svg+xml']], CHAT_FAVICON);
  }
}
