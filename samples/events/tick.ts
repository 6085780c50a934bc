// The data of each `tick` event the clock sends, declared for its documentation (@Returns on the @Sse route).
import { Doc } from '@corbel/openapi';

export class Tick {
  @Doc({ description: 'Counts from 1, or on from Last-Event-ID after a reconnect', example: 1 })
  n!: number;

  @Doc({ description: 'When the tick was sent (ISO 8601)', example: '2025-01-01T00:00:00.000Z' })
  at!: string;
}
