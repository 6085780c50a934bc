// openapi-typescript turns the document into types; a consumer that uses them compiles, and misuse does not.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  Body,
  Controller,
  createApp,
  Get,
  HTTPNotFound,
  Param,
  Post,
  Query,
  Returns,
  Throws,
  UseFilters,
} from '@corbel/core';
import { buildOpenApiDocument } from '@corbel/openapi';
import { expect } from 'chai';
import { IsInt, IsOptional, IsString, Length } from 'class-validator';
import { NotFoundFilter } from './support/fixtures';

const repositoryRoot = join(__dirname, '..', '..', '..');
const outputDirectory = join(repositoryRoot, 'test', 'output', 'openapi-types');

// openapi-typescript needs TypeScript 5's API (the repository builds with 7), so it is installed beside it as a
// dev dependency of @corbel/openapi and loaded from there.
interface OpenApiTypescript {
  default(schema: object): Promise<unknown>;
  astToString(ast: unknown): string;
}
const loadGenerator = () =>
  createRequire(join(repositoryRoot, 'packages', 'openapi', 'package.json'))('openapi-typescript') as OpenApiTypescript;

class UserDto {
  @IsInt() id!: number;
  @IsString() name!: string;
  @IsOptional() @IsString() nickname?: string;
}

class CreateUserDto {
  @IsString() @Length(1, 40) name!: string;
}

@Controller('/users')
class UsersController {
  @Get('/:id')
  @Returns(UserDto)
  @Throws(HTTPNotFound, 'No such user')
  findOne(@Param('id') id: number) {
    return { id, name: 'Ada' };
  }

  @Get('/:id/strict')
  @Returns(UserDto)
  @UseFilters(NotFoundFilter)
  strict(@Param('id') id: number, @Query('verbose') _verbose?: boolean) {
    return { id, name: 'Ada' };
  }

  @Post()
  @Returns(UserDto)
  create(@Body() dto: CreateUserDto) {
    return { id: 1, name: dto.name };
  }
}

// Each `@ts-expect-error` must meet an error: a schema that said less (an `unknown`, an optional field) would leave
// it unused, which is itself an error, so the compile checks both what is allowed and what is not.
const CONSUMER = `import type { paths } from './api';

type FindOne = paths['/users/{id}']['get'];
type User = FindOne['responses'][200]['content']['application/json'];
export const user: User = { id: 1, name: 'Ada' };
export const withNickname: User = { id: 2, name: 'Alan', nickname: 'Al' };
export const nickname: string | null | undefined = user.nickname;
export const id: FindOne['parameters']['path']['id'] = 7;
export const notFound: FindOne['responses'][404]['content']['application/json'] = { detail: 'No such user' };
export const strictNotFound: paths['/users/{id}/strict']['get']['responses'][404]['content']['application/json'] = {
  error: 'no such thing',
  path: '/users/9/strict',
};
export const verbose: paths['/users/{id}/strict']['get']['parameters']['query'] = { verbose: true };
type Create = paths['/users']['post'];
export const created: Create['responses'][201]['content']['application/json'] = { id: 3, name: 'Grace' };
export const body: Create['requestBody']['content']['application/json'] = { name: 'Grace' };
export const invalid: Create['responses'][422]['content']['application/json'] = [
  { loc: ['name'], msg: 'Field required', type: 'missing', in: 'body' },
];

// @ts-expect-error an id is an integer, not a string
export const wrongId: User = { id: '1', name: 'Ada' };
// @ts-expect-error a user has a name
export const noName: User = { id: 1 };
// @ts-expect-error the path parameter is a number
export const wrongParameter: FindOne['parameters']['path']['id'] = 'seven';
// @ts-expect-error the default 404 body is { detail }, not the strict route's { error, path }
export const wrongNotFound: FindOne['responses'][404]['content']['application/json'] = { error: 'x', path: '/' };
// @ts-expect-error a validation entry's location is one of path, query, header, cookie, body
export const wrongIn: Create['responses'][422]['content']['application/json'] = [{ loc: [], msg: '', type: '', in: 'x' }];
// @ts-expect-error the body must have a name
export const emptyBody: Create['requestBody']['content']['application/json'] = {};
`;

describe('TypeScript types from the document (openapi-typescript)', () => {
  it('type-check a consumer of paths[...], and refuse what the schemas refuse', async function () {
    // openapi-typescript and one TypeScript run: a few seconds on a busy machine.
    this.timeout(60_000);
    const document = buildOpenApiDocument(createApp({ logger: false, controllers: [UsersController] }), {
      info: { title: 'Users', version: '1.0.0' },
    });
    const generator = loadGenerator();
    const types = generator.astToString(await generator.default(document));
    rmSync(outputDirectory, { recursive: true, force: true });
    mkdirSync(outputDirectory, { recursive: true });
    writeFileSync(join(outputDirectory, 'api.d.ts'), types);
    writeFileSync(join(outputDirectory, 'consumer.ts'), CONSUMER);
    writeFileSync(
      join(outputDirectory, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'node20',
          types: [],
          skipLibCheck: false,
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(repositoryRoot, 'node_modules', '.bin', 'tsc');
    const run = spawnSync(tsc, ['-p', join(outputDirectory, 'tsconfig.json'), '--pretty', 'false'], {
      encoding: 'utf8',
    });
    expect(`${run.stdout}${run.stderr}`.trim()).to.equal('');
    expect(run.status).to.equal(0);
    expect(types).to.include('"/users/{id}"').and.include('NotFoundBody');
  });
});
