// @Emits: an event a gateway sends on its own (a broadcast, a notification), for the API's documentation.
import type { Constructor, ReturnsType } from '@corbel/core';
import { defineEmits } from '../metadata/emits-metadata';

/**
 * Declares that the gateway sends `{ "event": event, "data": <type> }` frames unprompted; repeatable. It changes
 * nothing at run time: `@corbel/openapi` documents it as a send operation of the gateway's AsyncAPI channel.
 * @example
 * @WebSocketGateway('/rooms/:room')
 * @Emits('joined', JoinedDto, 'Someone entered the room')
 * @Emits('message', ChatMessageDto)
 * class RoomsGateway {}
 */
export function Emits(event: string, type: ReturnsType, description?: string): ClassDecorator {
  return (target) => {
    defineEmits(target as unknown as Constructor, { event, type, description });
  };
}
