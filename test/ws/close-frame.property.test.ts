// Properties of the close-frame boundary: the reason cut and the sendable-code rule, over generated inputs.
import { cutCloseReason, isSendableCloseCode } from '@corbel/ws/dist/transport/close-frame';
import { expect } from 'chai';
import fc from 'fast-check';

const LIMIT = 123;

// Any code point, plus lone surrogates (which JS strings may hold and UTF-8 cannot).
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
const anyUnit = fc.oneof(fc.string({ unit: 'binary', maxLength: 1 }), loneSurrogate);
const reasons = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: anyUnit, maxLength: 160 }),
);

/** What UTF-8 can carry of `text`: lone surrogates become U+FFFD. */
function wellFormed(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

describe('close frame rules (properties)', () => {
  it('the cut reason is at most 123 bytes of valid UTF-8', () => {
    fc.assert(
      fc.property(reasons, (reason) => {
        const cut = cutCloseReason(reason);
        expect(Buffer.byteLength(cut)).to.be.at.most(LIMIT);
        expect(wellFormed(cut)).to.equal(cut);
      }),
      { numRuns: 2_000 },
    );
  });

  it('the cut reason is the longest whole-character prefix that fits', () => {
    fc.assert(
      fc.property(reasons, (reason) => {
        const whole = wellFormed(reason);
        const cut = cutCloseReason(reason);
        expect(whole.startsWith(cut)).to.equal(true);
        if (cut.length < whole.length) {
          const next = String.fromCodePoint(whole.codePointAt(cut.length) ?? 0);
          expect(Buffer.byteLength(cut + next)).to.be.greaterThan(LIMIT);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('a reason that already fits is kept as is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (reason) => {
        fc.pre(Buffer.byteLength(reason) <= LIMIT);
        expect(cutCloseReason(reason)).to.equal(reason);
      }),
    );
  });

  it('exactly the codes 1000–1003, 1007–1014 and 3000–4999 may be sent', () => {
    for (let code = 0; code <= 6000; code++) {
      const expected =
        (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
      expect(isSendableCloseCode(code), String(code)).to.equal(expected);
    }
    fc.assert(
      fc.property(fc.double(), (value) => {
        if (!Number.isInteger(value)) expect(isSendableCloseCode(value)).to.equal(false);
      }),
    );
    for (const odd of ['1000', null, undefined, 1000n, {}]) expect(isSendableCloseCode(odd)).to.equal(false);
  });
});
