// samples/cats: @Roles('admin'), made with Reflector.createDecorator as NestJS's sample makes it.
import { Reflector } from '@corbel/core';

export const Roles = Reflector.createDecorator<string[]>();
