// Answers `Expect: 100-continue` with the route's knowledge: `100 Continue` goes out only when the body is read.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A node request listener, the shape of `app.handler` and `app.checkContinue`. */
export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Makes node's `checkContinue` listener from the app's request handler. Node then leaves `100 Continue` to us, and
 * it is sent the moment the body starts to be read (a body stream resumes exactly then). A request answered before
 * that — over `bodyLimit` by its content-length (413), a content type that is refused (415), a route that reads no
 * body, an unknown route, a guard that refuses — gets its final status at once, and the client never sends the body.
 * @example const server = http.createServer(app.handler); server.on('checkContinue', app.checkContinue);
 */
export function createContinueListener(handler: RequestListener): RequestListener {
  return (request, response) => {
    // Answered without reading, the body the client holds back may still come or not: the connection cannot be
    // reused, so it closes after the answer, unless the body is read after all.
    response.setHeader('connection', 'close');
    request.once('resume', () => {
      // Node resumes an unread body itself once the answer is sent, to discard it; nothing is owed then.
      if (response.headersSent) return;
      response.removeHeader('connection');
      response.writeContinue();
    });
    handler(request, response);
  };
}
