import * as assert from 'node:assert/strict';
import { tokenPieces } from '../../../src/webview/tokenBox';

const shown = (text: string) => tokenPieces(text).map((p) => `${p.cls}${p.title !== undefined ? `[${p.title}]` : ''}:${p.text}`);

describe('webview/tokenBox tokenPieces: the token box coloured piece by piece', () => {
  it('a JWS: header, payload and signature between their dots', () => {
    assert.deepEqual(shown('aa.bb.cc'), ['part part-0[header]:aa', 'dot:.', 'part part-1[payload]:bb', 'dot:.', 'part part-2[signature]:cc']);
  });
  it('a JWE: its five parts named as a JWE\'s', () => {
    assert.deepEqual(tokenPieces('h.k.i.c.t').filter((p) => p.cls !== 'dot').map((p) => p.title), ['header', 'key', 'iv', 'ciphertext', 'tag']);
  });
  it('an SD-JWT: the issuer JWT, each disclosure, and the Key Binding JWT after the last "~"', () => {
    assert.deepEqual(shown('a.b.c~d1~d2~k.l.m'), ['part part-0[header]:a', 'dot:.', 'part part-1[payload]:b', 'dot:.', 'part part-2[signature]:c', 'dot:~', 'part part-3[disclosure]:d1', 'dot:~', 'part part-3[disclosure]:d2', 'dot:~', 'part part-4[Key Binding JWT]:k.l.m']);
  });
  it('a presentation without key binding ends with an empty piece after "~"', () => {
    assert.deepEqual(shown('a.b.c~d1~').slice(-2), ['dot:~', 'part part-3[disclosure]:']);
  });
  it('every character is drawn once, in order (the drawing lines up with the text)', () => {
    for (const text of ['', 'x', 'a.b.c~d~e.f.g', '..~~.', 'Bearer eyJ.a.b\n']) assert.equal(tokenPieces(text).map((p) => p.text).join(''), text);
  });
  it('more than five parts: the rest share the last colour', () => {
    assert.deepEqual(tokenPieces('1.2.3.4.5.6.7').filter((p) => p.cls !== 'dot').map((p) => p.cls).slice(4), ['part part-4', 'part part-4', 'part part-4']);
  });
});
