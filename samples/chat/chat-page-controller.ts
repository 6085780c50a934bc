// GET /chat: a small page to try the rooms gateway from a browser.
import { Controller, Get, html } from '@corbel/core';
import { CHAT_PAGE } from './chat-page';

@Controller('/chat')
export class ChatPageController {
  @Get()
  page() {
    return html(CHAT_PAGE);
  }
}
