// The generated project's code: a books module (controller, service, DTO, filter), its test, and the entry point.
import type { ProjectFile, ProjectOptions } from './project-options';

function mainTs(options: ProjectOptions): string {
  const imports = ["import { createApp } from '@corbel/core';"];
  const plugins: string[] = [];
  if (options.openApi) {
    imports.push("import { openApi } from '@corbel/openapi';");
    plugins.push(`openApi({ info: { title: '${options.name}', version: '0.1.0' } })`);
  }
  if (options.webSockets) {
    imports.push("import { webSockets } from '@corbel/ws';");
    imports.push("import { ChatGateway } from './chat/chat-gateway';");
    plugins.push('webSockets({ gateways: [ChatGateway] })');
  }
  imports.push("import { AppModule } from './app-module';");
  const settings = plugins.length === 0 ? '' : `, {\n    plugins: [\n      ${plugins.join(',\n      ')},\n    ],\n  }`;
  // The placeholders belong to the generated code, not to this file.
  const served = [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: generated code
    '  process.stdout.write(`Listening on ${url}\\n`);',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: generated code
    ...(options.openApi ? ['  process.stdout.write(`API docs on ${url}/docs\\n`);'] : []),
  ];
  return `// Starts the server: PORT and HOST override the defaults; SIGTERM and SIGINT let requests in flight finish.
${imports.join('\n')}

async function main(): Promise<void> {
  const app = createApp(AppModule${settings});
  app.enableShutdownHooks();
  const { url } = await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
${served.join('\n')}
}

void main();
`;
}

const APP_MODULE = `// The root module: every feature module the app serves is imported here.
import { Module } from '@corbel/core';
import { BooksModule } from './books/books-module';

@Module({ imports: [BooksModule] })
export class AppModule {}
`;

const BOOKS_MODULE = `// The books feature: its controller, its service, and the filter that answers its domain error.
import { Module } from '@corbel/core';
import { BookNotFoundFilter } from './book-not-found-filter';
import { BooksController } from './books-controller';
import { BooksService } from './books-service';

@Module({ controllers: [BooksController], providers: [BooksService], filters: [BookNotFoundFilter] })
export class BooksModule {}
`;

const BOOKS_CONTROLLER = `// HTTP routes of the books feature; parameters are converted and validated before a handler runs.
import { Body, Controller, Get, Param, Post } from '@corbel/core';
import { BooksService } from './books-service';
import { CreateBookDto } from './create-book-dto';

@Controller('/books')
export class BooksController {
  constructor(private readonly books: BooksService) {}

  /** GET /books */
  @Get()
  list() {
    return this.books.list();
  }

  /** GET /books/1: \`id\` arrives as a number; /books/abc answers 404. */
  @Get('/:id')
  findOne(@Param('id') id: number) {
    return this.books.find(id);
  }

  /** POST /books {"title":"Dune"}: 201 with the new book, or 422 listing what is wrong with the body. */
  @Post()
  create(@Body() book: CreateBookDto) {
    return this.books.add(book.title);
  }
}
`;

const BOOKS_SERVICE = `// Keeps the books; a real app would talk to a database here.
import { Injectable } from '@corbel/core';
import { BookNotFound } from './book-not-found-filter';

export interface Book {
  readonly id: number;
  readonly title: string;
}

@Injectable()
export class BooksService {
  readonly #books = new Map<number, Book>([[1, { id: 1, title: 'Dune' }]]);

  list(): Book[] {
    return [...this.#books.values()];
  }

  find(id: number): Book {
    const book = this.#books.get(id);
    if (!book) throw new BookNotFound(id);
    return book;
  }

  add(title: string): Book {
    const book = { id: this.#books.size + 1, title };
    this.#books.set(book.id, book);
    return book;
  }
}
`;

const CREATE_BOOK_DTO = `// The body of POST /books: class-validator constraints become 422 entries a client can act on.
import { IsString, Length } from 'class-validator';

export class CreateBookDto {
  @IsString()
  @Length(1, 200)
  title!: string;
}
`;

const BOOK_NOT_FOUND_FILTER = `// A domain error and the exception filter that answers it: the service never has to know about HTTP.
import { Catch, type ExceptionFilter, json } from '@corbel/core';

export class BookNotFound extends Error {
  constructor(readonly id: number) {
    super(\`Book \${id} not found\`);
  }
}

@Catch(BookNotFound)
export class BookNotFoundFilter implements ExceptionFilter<BookNotFound> {
  catch(error: BookNotFound) {
    return json({ detail: error.message }, 404);
  }
}
`;

const BOOKS_TEST = `// Runs requests through the app in-process (no port): node --test runs this after tsc.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createApp } from '@corbel/core';
import { AppModule } from '../app-module';

describe('books', () => {
  const app = createApp(AppModule, { logger: false });
  after(() => app.close());

  it('answers a known book', async () => {
    const response = await app.inject('/books/1');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { id: 1, title: 'Dune' });
  });

  it('answers 404 through BookNotFoundFilter for an unknown book', async () => {
    const response = await app.inject('/books/99');
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json(), { detail: 'Book 99 not found' });
  });

  it('answers 422 naming the field when the title is empty', async () => {
    const response = await app.inject({ method: 'POST', url: '/books', payload: { title: '' } });
    assert.equal(response.statusCode, 422);
    assert.deepEqual(
      response.json().map((entry: { loc: unknown[]; type: string }) => [entry.loc, entry.type]),
      [[['title'], 'isLength']],
    );
  });
});
`;

const CHAT_GATEWAY = `// A WebSocket gateway at /chat: {"event":"say","data":"hi"} is answered {"event":"said","data":"hi"}.
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@corbel/ws';

@WebSocketGateway('/chat')
export class ChatGateway {
  @SubscribeMessage('say')
  say(@MessageBody() text: string) {
    return { event: 'said', data: text };
  }
}
`;

/** The project's code, for the chosen options. */
export function sourceFiles(options: ProjectOptions): ProjectFile[] {
  return [
    { path: 'src/main.ts', content: mainTs(options) },
    { path: 'src/app-module.ts', content: APP_MODULE },
    { path: 'src/books/books-module.ts', content: BOOKS_MODULE },
    { path: 'src/books/books-controller.ts', content: BOOKS_CONTROLLER },
    { path: 'src/books/books-service.ts', content: BOOKS_SERVICE },
    { path: 'src/books/create-book-dto.ts', content: CREATE_BOOK_DTO },
    { path: 'src/books/book-not-found-filter.ts', content: BOOK_NOT_FOUND_FILTER },
    { path: 'src/books/books.test.ts', content: BOOKS_TEST },
    ...(options.webSockets ? [{ path: 'src/chat/chat-gateway.ts', content: CHAT_GATEWAY }] : []),
  ];
}
