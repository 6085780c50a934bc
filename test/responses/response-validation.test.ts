// createApp({ responseValidation: true }): a shaped answer that breaks its DTO's constraints is a logged 500.
import { type App, Catch, Controller, createApp, Get, json, ResponseValidationError, Returns } from '@corbel/core';
import { expect } from 'chai';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { send } from '../support/http-client';
import { RecordingLogger } from '../support/recording-logger';

class TagDto {
  @IsString()
  label!: string;
}

class AccountDto {
  @IsInt()
  @Min(1)
  id!: number;

  @IsEmail()
  email!: string;

  @ValidateNested({ each: true })
  @Type(() => TagDto)
  tags!: TagDto[];
}

@Controller('/accounts')
class AccountsController {
  static answer: unknown = {};

  @Get('/one')
  @Returns(AccountDto)
  one() {
    return AccountsController.answer;
  }

  @Get('/many')
  @Returns([AccountDto])
  many() {
    return AccountsController.answer;
  }
}

const GOOD = { id: 1, email: 'ada@example.com', tags: [{ label: 'x' }], password: 'hunter2' };

describe('response validation', () => {
  let app: App;
  let url: string;
  let logger: RecordingLogger;

  function start(responseValidation: boolean | undefined, filters: object[] = []) {
    before(async () => {
      logger = new RecordingLogger();
      app = createApp({ controllers: [AccountsController], logger, responseValidation, filters });
      url = (await app.listen(0)).url;
    });
    after(() => app.close());
  }

  describe('off (the default)', () => {
    start(undefined);

    it('sends a shaped answer that breaks the constraints as it is', async () => {
      AccountsController.answer = { id: 0, email: 'not an email', tags: [{ label: 3 }] };
      const { status, body } = await send(url, { path: '/accounts/one' });
      expect(status).to.equal(200);
      expect(JSON.parse(body)).to.deep.equal({ id: 0, email: 'not an email', tags: [{ label: 3 }] });
    });
  });

  describe('on', () => {
    start(true);

    it('sends a valid answer, shaped', async () => {
      AccountsController.answer = GOOD;
      const { status, body } = await send(url, { path: '/accounts/one' });
      expect(status).to.equal(200);
      expect(JSON.parse(body)).to.deep.equal({ id: 1, email: 'ada@example.com', tags: [{ label: 'x' }] });
    });

    it('answers an invalid one with the plain 500, and logs every entry (nested ones located)', async () => {
      AccountsController.answer = { id: 0, email: 'not an email', tags: [{ label: 3 }], password: 'hunter2' };
      const { status, body } = await send(url, { path: '/accounts/one' });
      expect(status).to.equal(500);
      expect(body).to.equal('{"detail":"Internal Server Error"}');
      const record = logger.records.find((entry) => entry.level === 'error');
      expect(record?.message).to.equal('The answer does not match its @Returns type; answering 500');
      const context = record?.context as { err: unknown; errors: unknown; route: string };
      expect(context.err).to.be.instanceOf(ResponseValidationError);
      expect(context.route).to.equal('AccountsController.one');
      expect(context.errors).to.deep.equal([
        { loc: ['id'], msg: 'id must not be less than 1', type: 'min' },
        { loc: ['email'], msg: 'email must be an email', type: 'isEmail' },
        { loc: ['tags', 0, 'label'], msg: 'label must be a string', type: 'isString' },
      ]);
      expect(JSON.stringify(context.errors)).not.to.include('hunter2');
    });

    it('checks a [Dto] answer item by item, and refuses a non-array', async () => {
      AccountsController.answer = [GOOD, { ...GOOD, id: -1 }];
      expect((await send(url, { path: '/accounts/many' })).status).to.equal(500);
      const entries = (logger.records.at(-1)?.context as { errors: unknown } | undefined)?.errors;
      expect(entries).to.deep.equal([{ loc: [1, 'id'], msg: 'id must not be less than 1', type: 'min' }]);
      AccountsController.answer = GOOD;
      expect((await send(url, { path: '/accounts/many' })).status).to.equal(500);
      AccountsController.answer = [GOOD];
      expect((await send(url, { path: '/accounts/many' })).status).to.equal(200);
    });
  });

  describe('on, with a filter for ResponseValidationError', () => {
    @Catch(ResponseValidationError)
    class ReportBadAnswers {
      static seen: unknown[] = [];

      catch(error: ResponseValidationError) {
        ReportBadAnswers.seen.push(error.errors());
        return json({ detail: 'We broke something; it has been reported' }, 500);
      }
    }
    start(true, [ReportBadAnswers]);

    it('lets a filter answer it like any error, with the entries in hand', async () => {
      AccountsController.answer = { ...GOOD, email: 'nope' };
      const { status, body } = await send(url, { path: '/accounts/one' });
      expect(status).to.equal(500);
      expect(JSON.parse(body)).to.deep.equal({ detail: 'We broke something; it has been reported' });
      expect(ReportBadAnswers.seen).to.deep.equal([
        [{ loc: ['email'], msg: 'email must be an email', type: 'isEmail' }],
      ]);
    });
  });
});
