// samples/hello: the users store, injected into UsersController (one instance per app).
import { HTTPNotFound, Injectable } from '@corbel/core';

export interface User {
  id: number;
  name: string;
}

@Injectable()
export class UsersService {
  // Per instance, so every app (and every test) starts from the same two users.
  readonly #users: User[] = [
    { id: 1, name: 'Ada Lovelace' },
    { id: 2, name: 'Alan Turing' },
  ];

  list(name?: string): User[] {
    if (name === undefined) return this.#users;
    return this.#users.filter((user) => user.name.toLowerCase().includes(name.toLowerCase()));
  }

  find(id: number): User {
    const user = this.#users.find((candidate) => candidate.id === id);
    if (!user) throw new HTTPNotFound(`User ${id} not found`);
    return user;
  }

  remove(id: number): void {
    this.find(id);
    this.#users.splice(
      this.#users.findIndex((user) => user.id === id),
      1,
    );
  }
}
