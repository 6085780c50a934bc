// The upgrade: unknown paths, ws's own header checks, and handleConnection before the handshake completes.
import type { IncomingMessage } from 'node:http';
import { HTTPException, HTTPForbidden, HTTPUnauthorized, WebSocketException } from '@corbel/core';
import {
  OnConnection,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type WebSocketConnection,
  WebSocketGateway,
} from '@corbel/ws';
import { expect } from 'chai';
import { RecordingLogger } from '../support/recording-logger';
import { handshakeHeaders, sendUpgrade } from './support/upgrade-request';
import { useWsApps } from './support/ws-app';
import { eventually, TestClient, wsUrl } from './support/ws-client';

@WebSocketGateway('/open')
class OpenGateway {
  @OnConnection()
  async run(socket: WebSocketConnection) {
    await socket.sendText('hello');
    await socket.receiveText();
  }
}

describe('the WebSocket handshake', () => {
  const start = useWsApps();

  it('answers an upgrade to an unknown path with HTTP 404 and a JSON detail, creating no socket', async () => {
    const { url } = await start({ gateways: [OpenGateway] });
    const answer = await sendUpgrade(url, '/nowhere');
    expect(answer.upgraded).to.equal(false);
    expect(answer.status).to.equal(404);
    expect(answer.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(JSON.parse(answer.body)).to.deep.equal({ detail: 'Not found' });
  });

  it('leaves the header checks to ws: a wrong version or a missing key answers 400', async () => {
    const { url } = await start({ gateways: [OpenGateway] });
    const version = await sendUpgrade(url, '/open', handshakeHeaders({ 'sec-websocket-version': '7' }));
    expect(version.status).to.equal(400);
    expect(version.headers['sec-websocket-version']).to.equal('13, 8');
    const key = await sendUpgrade(url, '/open', handshakeHeaders({ 'sec-websocket-key': null }));
    expect(key.status).to.equal(400);
  });

  it('serves a known path, ignoring a trailing slash, and 101s a valid handshake', async () => {
    const { url, connect } = await start({ gateways: [OpenGateway] });
    expect((await sendUpgrade(url, '/open')).status).to.equal(101);
    const client = await connect('/open/');
    expect(await client.nextText()).to.equal('hello');
  });

  it('an HTTPException in handleConnection refuses the upgrade with its status, headers and detail', async () => {
    const calls: string[] = [];
    @WebSocketGateway('/private')
    class PrivateGateway implements OnGatewayConnection, OnGatewayDisconnect {
      handleConnection(_socket: WebSocketConnection, request: IncomingMessage) {
        calls.push('connect');
        if (request.headers.authorization !== 'Bearer good') {
          throw new HTTPUnauthorized('Token required', [
            ['WWW-Authenticate', 'Bearer'],
            ['Set-Cookie', 'a=1'],
            ['Set-Cookie', 'b=2'],
          ]);
        }
      }
      handleDisconnect() {
        calls.push('disconnect');
      }
      @OnConnection()
      async run(socket: WebSocketConnection) {
        calls.push('run');
        await socket.sendText('welcome');
      }
    }
    const { url } = await start({ gateways: [PrivateGateway] });
    const refused = await sendUpgrade(url, '/private');
    expect(refused.upgraded).to.equal(false);
    expect(refused.status).to.equal(401);
    expect(refused.headers['www-authenticate']).to.equal('Bearer');
    expect(refused.headers['set-cookie']).to.deep.equal(['a=1', 'b=2']);
    expect(JSON.parse(refused.body)).to.deep.equal({ detail: 'Token required' });
    expect(calls).to.deep.equal(['connect']);

    const client = await TestClient.connect(wsUrl(url, '/private'), { headers: { authorization: 'Bearer good' } });
    expect(await client.nextText()).to.equal('welcome');
    await client.waitClosed();
  });

  it('a 403 refusal reaches a ws client as an unexpected response, never an open socket', async () => {
    @WebSocketGateway('/admins')
    class AdminsGateway implements OnGatewayConnection {
      async handleConnection() {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new HTTPForbidden();
      }
    }
    const { url } = await start({ gateways: [AdminsGateway] });
    let failure: unknown;
    await TestClient.connect(wsUrl(url, '/admins')).catch((error: unknown) => {
      failure = error;
    });
    expect(String(failure)).to.contain('403');
    const raw = await sendUpgrade(url, '/admins');
    expect(JSON.parse(raw.body)).to.deep.equal({ detail: 'Forbidden' });
  });

  it('an HTTPException with an impossible status or a CR/LF header refuses with a logged 500', async () => {
    const logger = new RecordingLogger();
    let attempt = 0;
    @WebSocketGateway('/broken')
    class BrokenGateway implements OnGatewayConnection {
      handleConnection() {
        attempt++;
        if (attempt === 1) throw new HTTPException(200, 'fine?');
        throw new HTTPException(401, '', { 'X-Bad': 'a\r\nInjected: yes' });
      }
    }
    const { url } = await start({ gateways: [BrokenGateway], logger });
    for (let index = 0; index < 2; index++) {
      const answer = await sendUpgrade(url, '/broken');
      expect(answer.status).to.equal(500);
      expect(answer.headers.injected).to.equal(undefined);
      expect(JSON.parse(answer.body)).to.deep.equal({ detail: 'Internal Server Error' });
    }
    expect(logger.records.filter((record) => record.level === 'error')).to.have.length(2);
  });

  it('a WebSocketException in handleConnection completes the handshake, then closes at once with its code', async () => {
    const calls: string[] = [];
    @WebSocketGateway('/full/:room')
    class FullRoomGateway implements OnGatewayConnection, OnGatewayDisconnect {
      handleConnection(socket: WebSocketConnection) {
        if (socket.params.room === 'full') throw new WebSocketException(4003, 'Room is full');
      }
      handleDisconnect(_socket: WebSocketConnection, code: number, reason: string) {
        calls.push(`disconnect ${code} ${reason}`);
      }
      @OnConnection()
      run() {
        calls.push('run');
      }
    }
    const { connect } = await start({ gateways: [FullRoomGateway] });
    const client = await connect('/full/full');
    expect(await client.waitClosed()).to.deep.equal({ code: 4003, reason: 'Room is full' });
    await eventually(() => calls.length > 0, 'handleDisconnect');
    expect(calls).to.deep.equal(['disconnect 4003 Room is full']);
  });

  it('messages sent in handleConnection are delivered first, right after the handshake', async () => {
    @WebSocketGateway('/greet')
    class GreetGateway implements OnGatewayConnection {
      async handleConnection(socket: WebSocketConnection) {
        await socket.sendJson({ event: 'welcome', data: socket.query.name });
      }
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.sendText('second');
        await socket.receiveText();
      }
    }
    const { connect } = await start({ gateways: [GreetGateway] });
    const client = await connect('/greet?name=ann');
    expect(await client.nextJson()).to.deep.equal({ event: 'welcome', data: 'ann' });
    expect(await client.nextText()).to.equal('second');
  });

  it('another error in handleConnection goes through the filters: 1011 "Internal Error", logged', async () => {
    const logger = new RecordingLogger();
    @WebSocketGateway('/crash')
    class CrashGateway implements OnGatewayConnection {
      handleConnection() {
        throw new TypeError('secret detail');
      }
    }
    const { connect } = await start({ gateways: [CrashGateway], logger });
    const client = await connect('/crash');
    expect(await client.waitClosed()).to.deep.equal({ code: 1011, reason: 'Internal Error' });
    expect(logger.errorsText()).to.contain('secret detail');
  });
});
