// Gateways refuse what they do not understand: unknown options and arguments at createApp, poisoned JSON with 1007.
import { CorbelError, createApp } from '@corbel/core';
import {
  ConnectedSocket,
  type GatewayOptions,
  MessageBody,
  type MessageBodyOptions,
  OnConnection,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  webSockets,
} from '@corbel/ws';
import { expect } from 'chai';
import { IsString } from 'class-validator';
import { useWsApps } from './support/ws-app';

class SayDto {
  @IsString()
  text!: string;
}

class ParseIntPipe {
  transform(value: string) {
    return Number(value);
  }
}

function startupError(...gateways: (new () => object)[]): CorbelError {
  try {
    createApp({ logger: false, plugins: [webSockets({ gateways })] });
  } catch (error) {
    expect(error).to.be.instanceOf(CorbelError);
    return error as CorbelError;
  }
  throw new Error('expected createApp to throw');
}

describe('gateways fail closed', () => {
  const start = useWsApps();

  describe('@WebSocketGateway options', () => {
    it('refuses an option it does not understand, naming it (NestJS/socket.io namespace, cors)', () => {
      for (const option of ['namespace', 'cors', 'transports']) {
        @WebSocketGateway({ path: '/chat', [option]: 'x' })
        class ChatGateway {}
        const error = startupError(ChatGateway);
        expect(error.code).to.equal('CORBEL_ERR_INVALID_GATEWAY');
        expect(error.message).to.include(`@WebSocketGateway on ChatGateway: unknown option '${option}'`);
        expect(error.message).to.include('only path is understood');
      }
    });

    it('refuses a port of its own: gateways are served on the app port', () => {
      @WebSocketGateway(8080, { path: '/chat' })
      class PortGateway {}
      const error = startupError(PortGateway);
      expect(error.code).to.equal('CORBEL_ERR_INVALID_GATEWAY');
      expect(error.message).to.include('port 8080 is not supported');
    });

    it('refuses a path given twice and arguments after the options', () => {
      const Twice = (WebSocketGateway as (...args: unknown[]) => ClassDecorator)('/a', { path: '/b' });
      @Twice
      class TwiceGateway {}
      expect(startupError(TwiceGateway).message).to.include('the path is given twice');
      const Extra = (WebSocketGateway as (...args: unknown[]) => ClassDecorator)({ path: '/a' }, 'extra');
      @Extra
      class ExtraGateway {}
      expect(startupError(ExtraGateway).code).to.equal('CORBEL_ERR_INVALID_GATEWAY');
    });

    it("serves NestJS's forms it understands: { path } and port 0 (the app's own)", async () => {
      const options: GatewayOptions = { path: '/options' };
      @WebSocketGateway(options)
      class OptionsGateway {
        @SubscribeMessage('ping') ping() {
          return 'pong';
        }
      }
      @WebSocketGateway(0, { path: '/port-zero' })
      class PortZeroGateway {
        @SubscribeMessage('ping') ping() {
          return 'zero';
        }
      }
      const { connect } = await start({ gateways: [OptionsGateway, PortZeroGateway] });
      const client = await connect('/options');
      await client.emit('ping');
      expect(await client.nextJson()).to.deep.equal({ event: 'ping', data: 'pong' });
      const zero = await connect('/port-zero');
      await zero.emit('ping');
      expect(await zero.nextJson()).to.deep.equal({ event: 'ping', data: 'zero' });
    });
  });

  describe('@MessageBody and @ConnectedSocket arguments', () => {
    it('refuses an unknown @MessageBody option, naming it', () => {
      @WebSocketGateway('/chat')
      class ChatGateway {
        @SubscribeMessage('say')
        say(@MessageBody({ typ: SayDto } as MessageBodyOptions) dto: SayDto) {
          return dto;
        }
      }
      const error = startupError(ChatGateway);
      expect(error.code).to.equal('CORBEL_ERR_INVALID_PARAMETER');
      expect(error.message).to.equal(
        "@MessageBody() on ChatGateway.say (parameter #1): unknown option 'typ'; @MessageBody understands type",
      );
    });

    it('refuses a pipe given to @MessageBody and an argument given to @ConnectedSocket', () => {
      @WebSocketGateway('/chat')
      class PipeGateway {
        @SubscribeMessage('move')
        move(@MessageBody('x', new ParseIntPipe()) x: number) {
          return x;
        }
      }
      const piped = startupError(PipeGateway);
      expect(piped.code).to.equal('CORBEL_ERR_INVALID_PARAMETER');
      expect(piped.message).to.include("@MessageBody('x') on PipeGateway.move (parameter #1)");
      expect(piped.message).to.include('an instance of ParseIntPipe');
      const socketNamed = (ConnectedSocket as (...args: unknown[]) => ParameterDecorator)('me');
      @WebSocketGateway('/chat')
      class SocketGateway {
        @SubscribeMessage('who')
        who(@socketNamed socket: WebSocketConnection) {
          return socket.path;
        }
      }
      const socketError = startupError(SocketGateway);
      expect(socketError.code).to.equal('CORBEL_ERR_INVALID_PARAMETER');
      expect(socketError.message).to.include('@ConnectedSocket() takes no arguments');
    });
  });

  describe('JSON frames with a forbidden property name', () => {
    const poisoned = [
      '{"event":"say","data":{"__proto__":{"admin":true}}}',
      '{"event":"say","data":{"constructor":{"prototype":{"admin":true}}}}',
      '{"event":"say","\\u005f_proto__":{"admin":true}}',
    ];

    it('close a @SubscribeMessage gateway with 1007 "Forbidden property name in JSON"', async () => {
      @WebSocketGateway('/chat')
      class ChatGateway {
        @SubscribeMessage('say') say(@MessageBody() data: unknown) {
          return data;
        }
      }
      const { connect } = await start({ gateways: [ChatGateway] });
      for (const frame of poisoned) {
        const client = await connect('/chat');
        await client.send(frame);
        expect(await client.waitClosed()).to.deep.equal({ code: 1007, reason: 'Forbidden property name in JSON' });
      }
      const malformed = await connect('/chat');
      await malformed.send('{"event":');
      expect(await malformed.waitClosed()).to.deep.equal({ code: 1007, reason: 'Invalid JSON' });
      expect(({} as { admin?: boolean }).admin).to.equal(undefined);
    });

    it('close receiveJson() with the same reason, while malformed JSON stays "Invalid JSON" and null is a value', async () => {
      const received: unknown[] = [];
      @WebSocketGateway('/json')
      class JsonGateway {
        @OnConnection()
        async run(socket: WebSocketConnection) {
          for (;;) {
            received.push(await socket.receiveJson());
            await socket.sendText('ok');
          }
        }
      }
      const { connect } = await start({ gateways: [JsonGateway] });
      const client = await connect('/json');
      await client.send(' null ');
      expect(await client.nextText()).to.equal('ok');
      await client.send(poisoned[1]);
      expect(await client.waitClosed()).to.deep.equal({ code: 1007, reason: 'Forbidden property name in JSON' });
      expect(received).to.deep.equal([null]);
      const malformed = await connect('/json');
      await malformed.send('{oops');
      expect(await malformed.waitClosed()).to.deep.equal({ code: 1007, reason: 'Invalid JSON' });
    });
  });
});
