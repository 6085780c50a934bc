// The @IsEmail() fast path says yes only where validator.js says yes; everything else still goes to validator.js.

import { Body, Controller, createApp, Post } from '@corbel/core';
import { isCommonEmail } from '@corbel/core/dist/validation/common-email';
import { expect } from 'chai';
import { IsEmail, isEmail } from 'class-validator';
import fc from 'fast-check';

// Characters around every rule the pattern encodes: atext symbols, dots, hyphens, underscores, quotes, spaces,
// non-ASCII letters, full-width and control characters.
const EMAILISH = [...'aZ09.-_@+!#$%&\'*/=?^`{|}~"\\ ()<>[],;:üé\uff21\u0000\t'];
const emailish = fc.oneof(
  fc.emailAddress(),
  fc.string({ unit: fc.constantFrom(...EMAILISH), maxLength: 40 }),
  // Well-formed near the limits: long local parts, 60-odd character labels, totals around 254.
  fc
    .tuple(
      fc.array(fc.string({ unit: fc.constantFrom(...'ab+_-'), minLength: 1, maxLength: 24, size: 'max' }), {
        minLength: 1,
        maxLength: 5,
        size: 'max',
      }),
      fc.array(fc.string({ unit: fc.constantFrom(...'ab0'), minLength: 1, maxLength: 66, size: 'max' }), {
        maxLength: 5,
        size: 'max',
      }),
      fc.string({ unit: fc.constantFrom(...'aZ'), minLength: 1, maxLength: 66, size: 'max' }),
    )
    .map(([local, labels, tld]) => `${local.join('.')}@${[...labels, tld].join('.')}`),
);

describe('the @IsEmail() fast path', () => {
  it("never accepts an address validator.js's isEmail rejects", () => {
    fc.assert(
      fc.property(emailish, (value) => {
        if (isCommonEmail(value)) expect(isEmail(value), value).to.equal(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('answers the everyday addresses itself', () => {
    for (const value of ['ada@example.com', 'First.Last+tag@mail.example.co.uk', "o'brien@x-y.io", 'a1@b2.dev']) {
      expect(isCommonEmail(value), value).to.equal(true);
    }
  });

  it('leaves the limits and the unusual to validator.js', () => {
    const label63 = 'a'.repeat(63);
    expect(isCommonEmail(`${'a'.repeat(64)}@example.com`)).to.equal(true);
    expect(isCommonEmail(`${'a'.repeat(65)}@example.com`)).to.equal(false);
    expect(isCommonEmail(`ada@${label63}.com`)).to.equal(true);
    expect(isCommonEmail(`ada@${label63}a.com`)).to.equal(false);
    const domain252 = [label63, label63, label63, 'a'.repeat(60)].join('.');
    // 254 characters in all is the most isEmail allows, though every label is within its own limit.
    expect(isCommonEmail(`a@${domain252}`)).to.equal(true);
    expect(isCommonEmail(`ab@${domain252}`)).to.equal(false);
    for (const value of ['"quoted"@example.com', 'üser@example.com', 'a..b@example.com', 'ada@ex_ample.com']) {
      expect(isCommonEmail(value), value).to.equal(false);
    }
    for (const value of ['ada@example.c', 'ada@example.123', 'ada@-example.com', 'ada@example', '.ada@example.com']) {
      expect(isCommonEmail(value), value).to.equal(false);
    }
  });

  it('still validates through validator.js what the fast path does not answer', async () => {
    class ContactDto {
      @IsEmail()
      email!: string;
    }
    @Controller('/contacts')
    class ContactsController {
      @Post()
      create(@Body() contact: ContactDto) {
        return contact;
      }
    }
    const app = createApp({ controllers: [ContactsController], logger: false });
    const post = (email: string) => app.inject({ method: 'POST', url: '/contacts', payload: { email } });
    // Valid for validator.js, but not a "common" address: accepted by the fallback.
    expect((await post('"quoted"@example.com')).statusCode).to.equal(201);
    expect((await post('üser@example.com')).statusCode).to.equal(201);
    const rejected = await post('a..b@example.com');
    expect(rejected.statusCode).to.equal(422);
    expect(rejected.json()).to.deep.equal([
      { loc: ['email'], msg: 'email must be an email', type: 'isEmail', in: 'body' },
    ]);
  });
});
