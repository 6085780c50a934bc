// Gateway replies, sendJson() and filter answers serialize class instances as HTTP answers do.
import { Catch, createApp, Returns, SerializeOptions } from '@corbel/core';
import {
  MessageBody,
  OnConnection,
  SubscribeMessage,
  type WebSocketConnection,
  WebSocketGateway,
  webSockets,
} from '@corbel/ws';
import { expect } from 'chai';
import { Exclude, Expose } from 'class-transformer';
import { IsString } from 'class-validator';
import { useWsApps } from './support/ws-app';

class PlayerEntity {
  constructor(readonly name: string) {}

  @Exclude()
  readonly sessionToken = 'tok-123';

  @Expose({ groups: ['moderator'] })
  readonly ip = '10.0.0.7';
}

class CheatDetected extends Error {}

@Catch(CheatDetected)
class CheatFilter {
  catch() {
    return { event: 'kicked', data: new PlayerEntity('mallory') };
  }
}

@WebSocketGateway('/lobby')
class LobbyGateway {
  @SubscribeMessage('whoami')
  whoami(@MessageBody() name: string) {
    return new PlayerEntity(name);
  }

  @SubscribeMessage('roster')
  roster() {
    return { event: 'roster', data: [new PlayerEntity('ann'), new PlayerEntity('bob')] };
  }

  @SubscribeMessage('inspect')
  @SerializeOptions({ groups: ['moderator'] })
  inspect(@MessageBody() name: string) {
    return new PlayerEntity(name);
  }

  @SubscribeMessage('cheat')
  cheat() {
    throw new CheatDetected();
  }
}

@WebSocketGateway('/feed')
@SerializeOptions({ groups: ['moderator'] })
class FeedGateway {
  @OnConnection()
  async run(socket: WebSocketConnection) {
    await socket.sendJson({ joined: new PlayerEntity('carol') });
    await socket.receiveText();
  }
}

describe('WebSocket serialization', () => {
  const start = useWsApps();

  it("sends a handler's returned instance as its data, without @Exclude()d fields", async () => {
    const { connect } = await start({ gateways: [LobbyGateway] });
    const client = await connect('/lobby');
    await client.emit('whoami', 'ann');
    expect(await client.nextJson()).to.deep.equal({ event: 'whoami', data: { name: 'ann' } });
    await client.emit('roster');
    expect(await client.nextJson()).to.deep.equal({ event: 'roster', data: [{ name: 'ann' }, { name: 'bob' }] });
  });

  it('applies @SerializeOptions on the handler and on the gateway (to sendJson)', async () => {
    const { connect } = await start({ gateways: [LobbyGateway, FeedGateway] });
    const lobby = await connect('/lobby');
    await lobby.emit('inspect', 'dan');
    expect(await lobby.nextJson()).to.deep.equal({ event: 'inspect', data: { name: 'dan', ip: '10.0.0.7' } });
    const feed = await connect('/feed');
    expect(await feed.nextJson()).to.deep.equal({ joined: { name: 'carol', ip: '10.0.0.7' } });
  });

  it("serializes a filter's answer the same way", async () => {
    const { connect } = await start({ gateways: [LobbyGateway], filters: [CheatFilter] });
    const client = await connect('/lobby');
    await client.emit('cheat');
    expect(await client.nextJson()).to.deep.equal({ event: 'kicked', data: { name: 'mallory' } });
  });

  it('follows createApp({ serialization: false }) too', async () => {
    @WebSocketGateway('/raw')
    class RawGateway {
      @SubscribeMessage('me')
      me() {
        return new PlayerEntity('eve');
      }
    }
    const { connect } = await start({ gateways: [RawGateway], serialization: false });
    const client = await connect('/raw');
    await client.emit('me');
    expect(await client.nextJson()).to.deep.equal({
      event: 'me',
      data: { name: 'eve', sessionToken: 'tok-123', ip: '10.0.0.7' },
    });
  });

  it('takes @Returns on a gateway method as the reply it documents (AsyncAPI), and keeps applying @Exclude', async () => {
    class NameDto {
      @IsString()
      name!: string;
    }
    @WebSocketGateway('/typed')
    class TypedGateway {
      @SubscribeMessage('me')
      @Returns(NameDto)
      me() {
        return new PlayerEntity('eve');
      }
    }
    const { connect } = await start({ gateways: [TypedGateway] });
    const client = await connect('/typed');
    await client.emit('me');
    expect(await client.nextJson()).to.deep.equal({ event: 'me', data: { name: 'eve' } });
  });

  it('refuses at start-up @SerializeOptions on handleConnection or a helper method, where nothing reads them', () => {
    @WebSocketGateway('/greeter')
    class GreeterGateway {
      @SerializeOptions({ groups: ['moderator'] })
      handleConnection(socket: WebSocketConnection) {
        return socket.sendJson({ hello: new PlayerEntity('ann') });
      }

      @SubscribeMessage('ping')
      ping() {
        return 'pong';
      }
    }
    class HelperGateway {
      @SubscribeMessage('who')
      who() {
        return this.describe();
      }

      @SerializeOptions({ groups: ['moderator'] })
      describe() {
        return new PlayerEntity('bob');
      }
    }
    WebSocketGateway('/helper')(HelperGateway);
    for (const [gateway, method] of [
      [GreeterGateway, 'handleConnection'],
      [HelperGateway, 'describe'],
    ] as const) {
      expect(() => createApp({ logger: false, plugins: [webSockets({ gateways: [gateway] })] }))
        .to.throw(`@SerializeOptions on ${gateway.name}.${method}: nothing it returns is sent`)
        .with.property('code', 'CORBEL_ERR_INVALID_SERIALIZATION');
    }
  });
});
