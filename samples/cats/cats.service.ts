// samples/cats: the cats store; findAll answers an Observable, as rxjs-minded NestJS services do.
import { HTTPNotFound, Injectable } from '@corbel/core';
import { type Observable, of } from 'rxjs';
import type { Cat } from './cat';

@Injectable()
export class CatsService {
  // Per instance, so every app (and every test) starts from the same cat.
  readonly #cats: Cat[] = [{ name: 'Tom', age: 3, breed: 'Tabby' }];

  create(cat: Cat): Cat {
    this.#cats.push(cat);
    return cat;
  }

  findAll(): Observable<Cat[]> {
    return of(this.#cats);
  }

  findOne(id: number): Cat {
    const cat = this.#cats[id - 1];
    if (!cat) throw new HTTPNotFound(`Cat ${id} not found`);
    return cat;
  }
}
