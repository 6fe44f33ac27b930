// The webview's strings: each one handed over localized, and none the webview shows left out.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localizedStrings, WEBVIEW_STRINGS } from '../../../src/inspector/strings';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');

describe('inspector strings', () => {
  it('every string is handed over, localized by the function given, and none twice', () => {
    const strings = localizedStrings((s) => `«${s}»`);
    assert.equal(Object.keys(strings).length, WEBVIEW_STRINGS.length);
    assert.equal(new Set(WEBVIEW_STRINGS).size, WEBVIEW_STRINGS.length, 'no string listed twice');
    for (const s of WEBVIEW_STRINGS) assert.equal(strings[s], `«${s}»`);
  });

  it('every string the webview shows is in WEBVIEW_STRINGS (so it is localized)', () => {
    // Every file of the webview bundle: a string moved out of main.ts stays checked.
    const dir = path.join(REPO, 'src', 'webview');
    const source = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const used = [...source.matchAll(/\bt\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'"));
    assert.ok(used.length > 40);
    for (const s of used) assert.ok((WEBVIEW_STRINGS as readonly string[]).includes(s), `missing from WEBVIEW_STRINGS: ${s}`);
  });
});
