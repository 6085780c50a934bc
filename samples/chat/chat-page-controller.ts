// GET /chat: a small page to try the rooms gateway from a browser, and its icon.
import { Controller, Get, Header, html, ResponseValue } from '@corbel/core';
import { CHAT_FAVICON, CHAT_PAGE } from './chat-page';

@Controller('/chat')
export class ChatPageController {
  @Get()
  page() {
    return html(CHAT_PAGE);
  }

  /** GET /chat/favicon.svg — the page links it, so the browser asks for no /favicon.ico. */
  @Get('/favicon.svg')
  @Header('Cache-Control', 'public, max-age=86400')
  favicon() {
    return new ResponseValue(200, [['content-type', 'image/svg+xml']], CHAT_FAVICON);
  }
}
