// @corbel/ws-redis's public API; this file only re-exports.

export { type RedisAdapter, type RedisAdapterStats, redisAdapter } from './adapter/redis-adapter';
export type { ChannelListener, RedisCommandClient } from './adapter/redis-client';
export type { RedisAdapterOptions, RedisReconnectOptions } from './adapter/redis-options';
