// The README's quick start, compiled by every build so the README cannot rot.
import { Controller, createApp, Get, HTTPNotFound, Param } from '@corbel/core';

const books = new Map([[1, { id: 1, title: 'Dune' }]]);

@Controller('/books')
export class BooksController {
  @Get('/:id')
  findOne(@Param('id') id: number) {
    const book = books.get(id); // id is already a number: '/books/abc' answers 404
    if (!book) throw new HTTPNotFound(`Book ${id} not found`);
    return book;
  }
}

export const app = createApp({ controllers: [BooksController] });
// await app.listen(3000);  GET /books/1 → 200 {"id":1,"title":"Dune"}
//                          GET /books/2 → 404 {"detail":"Book 2 not found"}
