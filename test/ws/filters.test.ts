// Exception filters on gateways: what a filter may answer over WebSocket, its scopes, and its host.
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  json,
  RequestValidationError,
  UseFilters,
  WebSocketClose,
  WebSocketDisconnect,
  WebSocketException,
} from '@corbel/core';
import { MessageBody, OnConnection, SubscribeMessage, WebSocketConnection, WebSocketGateway } from '@corbel/ws';
import { expect } from 'chai';
import { IsString } from 'class-validator';
import { RecordingLogger } from '../support/recording-logger';
import { useWsApps } from './support/ws-app';
import { eventually } from './support/ws-client';

class ValueError extends Error {}

class SayDto {
  @IsString()
  text!: string;
}

/** Reports bad messages as an error event instead of hanging up (the example). */
@Catch(WebSocketException, RequestValidationError)
class ErrorEventFilter implements ExceptionFilter {
  catch(error: WebSocketException | RequestValidationError) {
    const data = error instanceof RequestValidationError ? error.errors() : { code: error.code, reason: error.reason };
    return { event: 'error', data };
  }
}

@WebSocketGateway('/chat')
class ChatGateway {
  @SubscribeMessage('say')
  say(@MessageBody() dto: SayDto) {
    return dto.text;
  }

  @SubscribeMessage('value')
  value() {
    throw new ValueError('bad value');
  }
}

describe('exception filters on gateways', () => {
  const start = useWsApps();

  it('a global filter that returns a value sends it as a message and the connection stays open', async () => {
    const { connect } = await start({ gateways: [ChatGateway], filters: [ErrorEventFilter] });
    const client = await connect('/chat');
    await client.send('{broken');
    expect(await client.nextJson()).to.deep.equal({ event: 'error', data: { code: 1007, reason: 'Invalid JSON' } });
    await client.emit('say', { text: 42 });
    const report = (await client.nextJson()) as { event: string; data: { loc: string[]; in: string }[] };
    expect(report.event).to.equal('error');
    expect(report.data[0]).to.include({ in: 'body', type: 'isString' });
    expect(report.data[0].loc).to.deep.equal(['text']);
    await client.emit('say', { text: 'still open' });
    expect(await client.nextJson()).to.deep.equal({ event: 'say', data: 'still open' });
  });

  it('gives the filter a ws host: the connection and the gateway method', async () => {
    const hosts: ArgumentsHost[] = [];
    @Catch(ValueError)
    class RecordingFilter implements ExceptionFilter {
      catch(_error: ValueError, host: ArgumentsHost) {
        hosts.push(host);
        return { seen: true };
      }
    }
    const { connect } = await start({ gateways: [ChatGateway], filters: [RecordingFilter] });
    const client = await connect('/chat');
    await client.emit('value');
    expect(await client.nextJson()).to.deep.equal({ seen: true });
    const [host] = hosts;
    expect(host.type).to.equal('ws');
    if (host.type !== 'ws') return;
    expect(host.connection).to.be.instanceOf(WebSocketConnection);
    expect(host.route).to.deep.equal({ controller: ChatGateway, method: 'value' });
  });

  it('@UseFilters on the gateway class and on a method: the method scope wins for the same key', async () => {
    @Catch(ValueError)
    class ClassFilter {
      catch() {
        return 'class';
      }
    }
    @Catch(ValueError)
    class MethodFilter {
      catch() {
        return 'method';
      }
    }
    @WebSocketGateway('/scoped')
    @UseFilters(ClassFilter)
    class ScopedGateway {
      @SubscribeMessage('a')
      a() {
        throw new ValueError();
      }

      @SubscribeMessage('b')
      @UseFilters(MethodFilter)
      b() {
        throw new ValueError();
      }
    }
    const { connect } = await start({ gateways: [ScopedGateway] });
    const client = await connect('/scoped');
    await client.emit('a');
    expect(await client.nextJson()).to.equal('class');
    await client.emit('b');
    expect(await client.nextJson()).to.equal('method');
  });

  it('a filter returning WebSocketClose closes with its code and reason', async () => {
    @Catch(ValueError)
    class CloseFilter {
      catch() {
        return new WebSocketClose(4400, 'Slow down');
      }
    }
    const { connect } = await start({ gateways: [ChatGateway], filters: [CloseFilter] });
    const client = await connect('/chat');
    await client.emit('value');
    expect(await client.waitClosed()).to.deep.equal({ code: 4400, reason: 'Slow down' });
  });

  it('a filter that throws WebSocketException closes with that code; one that throws anything else closes 1011', async () => {
    const logger = new RecordingLogger();
    @Catch(ValueError)
    class ThrowingFilter {
      catch(error: ValueError) {
        if (error.message === 'ws') throw new WebSocketException(4500, 'From the filter');
        throw new Error('filter bug');
      }
    }
    @WebSocketGateway('/throwing')
    class ThrowingGateway {
      @SubscribeMessage('ws')
      ws() {
        throw new ValueError('ws');
      }
      @SubscribeMessage('other')
      other() {
        throw new ValueError('other');
      }
    }
    const { connect } = await start({ gateways: [ThrowingGateway], filters: [ThrowingFilter], logger });
    const first = await connect('/throwing');
    await first.emit('ws');
    expect(await first.waitClosed()).to.deep.equal({ code: 4500, reason: 'From the filter' });
    // Closing by throwing WebSocketException is intended use: nothing is logged as an error.
    expect(logger.errorsText()).to.equal('');
    const second = await connect('/throwing');
    await second.emit('other');
    expect(await second.waitClosed()).to.deep.equal({ code: 1011, reason: 'Internal Error' });
    expect(logger.errorsText()).to.contain('filter bug');
  });

  it('an async filter answers like a sync one, and undefined falls back to the default answer', async () => {
    @Catch(ValueError)
    class AsyncFilter {
      async catch() {
        await new Promise((resolve) => setImmediate(resolve));
        return { async: true };
      }
    }
    @Catch(WebSocketException)
    class PassFilter {
      catch() {
        return undefined;
      }
    }
    @WebSocketGateway('/mixed')
    class MixedGateway {
      @SubscribeMessage('value')
      value() {
        throw new ValueError();
      }
      @SubscribeMessage('close')
      close() {
        throw new WebSocketException(4001, 'default answer');
      }
    }
    const { connect } = await start({ gateways: [MixedGateway], filters: [AsyncFilter, PassFilter] });
    const client = await connect('/mixed');
    await client.emit('value');
    expect(await client.nextJson()).to.deep.equal({ async: true });
    await client.emit('close');
    expect(await client.waitClosed()).to.deep.equal({ code: 4001, reason: 'default answer' });
  });

  it('a filter shared with HTTP may answer json(): its body becomes the message', async () => {
    @Catch(ValueError)
    class HttpStyleFilter {
      catch(error: ValueError) {
        return json({ error: error.message }, 400);
      }
    }
    const { connect } = await start({ gateways: [ChatGateway], filters: [HttpStyleFilter] });
    const client = await connect('/chat');
    await client.emit('value');
    expect(await client.nextJson()).to.deep.equal({ error: 'bad value' });
  });

  it('a @Catch(WebSocketDisconnect) filter sees a receive loop end by disconnect; nothing is logged', async () => {
    const logger = new RecordingLogger();
    const seen: number[] = [];
    @Catch(WebSocketDisconnect)
    class CleanupFilter {
      catch(error: WebSocketDisconnect) {
        seen.push(error.code);
      }
    }
    @WebSocketGateway('/loop')
    class LoopGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        while (true) await socket.receiveText();
      }
    }
    const { connect } = await start({ gateways: [LoopGateway], filters: [CleanupFilter], logger });
    const client = await connect('/loop');
    await client.close(4002, 'gone');
    await eventually(() => seen.length === 1, 'the filter');
    expect(seen).to.deep.equal([4002]);
    expect(logger.errorsText()).to.equal('');
  });

  it('in a receive loop, a filter message is sent and the connection then closes 1000 (the loop is over)', async () => {
    @WebSocketGateway('/loop-error')
    class LoopErrorGateway {
      @OnConnection()
      async run(socket: WebSocketConnection) {
        await socket.receiveJson();
      }
    }
    const { connect } = await start({ gateways: [LoopErrorGateway], filters: [ErrorEventFilter] });
    const client = await connect('/loop-error');
    await client.send('nope');
    expect(await client.nextJson()).to.deep.equal({ event: 'error', data: { code: 1007, reason: 'Invalid JSON' } });
    expect((await client.waitClosed()).code).to.equal(1000);
  });
});
