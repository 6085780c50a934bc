// samples/hello: a users controller showing conversion, optional query params, thrown exceptions and text.
import { Controller, Get, HTTPNotFound, Param, Query, Redirect } from '@corbel/core';

interface User {
  id: number;
  name: string;
}

const users: User[] = [
  { id: 1, name: 'Ada Lovelace' },
  { id: 2, name: 'Alan Turing' },
];

@Controller('/users')
export class UsersController {
  /** GET /users?name=ada — the optional query parameter filters by name. */
  @Get()
  list(@Query('name') name?: string): User[] {
    if (name === undefined) return users;
    return users.filter((user) => user.name.toLowerCase().includes(name.toLowerCase()));
  }

  /** GET /users/1 — `id` arrives as a number; '/users/abc' is a 404 through the validation rules. */
  @Get('/:id')
  findOne(@Param('id') id: number): User {
    const user = users.find((candidate) => candidate.id === id);
    if (!user) throw new HTTPNotFound(`User ${id} not found`);
    return user;
  }

  /** GET /users/1/greeting — a string is sent as text/plain. */
  @Get('/:id/greeting')
  greet(@Param('id') id: number): string {
    return `Hello, ${this.findOne(id).name}!`;
  }

  /** GET /users/me — a thrown Redirect answers 302 with a Location header. */
  @Get('/me')
  me(): never {
    throw new Redirect('/users/1');
  }
}
