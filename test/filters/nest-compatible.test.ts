// NestCompatibleErrorFilter: NestJS's {statusCode, message, error} bodies, one line to turn on.
import {
  Body,
  Controller,
  createApp,
  Get,
  HTTPException,
  HTTPNotFound,
  HTTPUnauthorized,
  NestCompatibleErrorFilter,
  Param,
  ParseIntPipe,
  Post,
  Redirect,
} from '@corbel/core';
import { expect } from 'chai';
import { IsInt, IsString } from 'class-validator';

class CreateCatDto {
  @IsString() name!: string;
  @IsInt() age!: number;
}

@Controller('/cats')
class CatsController {
  @Get('/:id')
  findOne(@Param('id', ParseIntPipe) id: number) {
    throw new HTTPNotFound(`Cat ${id} not found`);
  }

  @Post()
  create(@Body() dto: CreateCatDto) {
    return dto;
  }

  @Get('/private/area')
  private() {
    throw new HTTPUnauthorized(undefined, { 'WWW-Authenticate': 'Bearer' });
  }

  @Get('/object/detail')
  object() {
    throw new HTTPException(409, { reason: 'taken' });
  }

  @Get('/old/home')
  old() {
    throw new Redirect('/cats');
  }

  @Get('/broken/handler')
  broken() {
    throw new Error('database down');
  }
}

const app = createApp({ controllers: [CatsController], filters: [NestCompatibleErrorFilter], logger: false });

describe('NestCompatibleErrorFilter', () => {
  it('answers an HTTPException as {statusCode, message, error}, keeping its headers', async () => {
    const missing = await app.inject('/cats/7');
    expect(missing.statusCode).to.equal(404);
    expect(missing.json()).to.deep.equal({ statusCode: 404, message: 'Cat 7 not found', error: 'Not Found' });
    const unauthorized = await app.inject('/cats/private/area');
    expect(unauthorized.json()).to.deep.equal({ statusCode: 401, message: 'Unauthorized', error: 'Unauthorized' });
    expect(unauthorized.headers['www-authenticate']).to.equal('Bearer');
  });

  it('answers an unknown route as NestJS does: Cannot GET /path', async () => {
    expect((await app.inject('/nope')).json()).to.deep.equal({
      statusCode: 404,
      message: 'Cannot GET /nope',
      error: 'Not Found',
    });
  });

  it("answers validation failures as NestJS's ValidationPipe: 400 and the messages, the path's too", async () => {
    const invalid = await app.inject({
      method: 'POST',
      url: '/cats',
      payload: JSON.stringify({ name: 5, age: 'old' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(invalid.statusCode).to.equal(400);
    expect(invalid.json()).to.deep.equal({
      statusCode: 400,
      message: ['name must be a string', 'age must be an integer number'],
      error: 'Bad Request',
    });
    const notANumber = await app.inject('/cats/abc');
    expect(notANumber.statusCode).to.equal(400);
    expect(notANumber.json().error).to.equal('Bad Request');
  });

  it("sends an object detail as the body, and keeps Corbel's redirect and 500 answers", async () => {
    expect((await app.inject('/cats/object/detail')).json()).to.deep.equal({ reason: 'taken' });
    const redirect = await app.inject('/cats/old/home');
    expect(redirect.statusCode).to.equal(302);
    expect(redirect.headers.location).to.equal('/cats');
    const broken = await app.inject('/cats/broken/handler');
    expect(broken.statusCode).to.equal(500);
    expect(broken.body).to.equal('{"detail":"Internal Server Error"}');
  });
});
