import * as assert from 'node:assert/strict';
import { jsonProblem } from '../../../src/webview/editCheck';

describe('webview/editCheck jsonProblem: what is wrong with the JSON being typed', () => {
  it('says nothing for JSON, and for an empty box', () => {
    assert.equal(jsonProblem('{"a": 1}'), undefined);
    assert.equal(jsonProblem('  '), undefined);
  });
  it('names the problem, where it is (line, column) and that the token was not re-signed', () => {
    assert.equal(jsonProblem('{\n  "user": "alice",\n  "admin": tru\n}'), 'Not valid JSON yet: A value (a "string", a number, true, false, null, {…} or […]) expected, not “t” (line 3, column 12). The token was not re-signed.');
    assert.equal(jsonProblem('{\n  "roles": ["a", "b"\n}'), 'Not valid JSON yet: A , or ] expected, not “}” (line 3, column 1). The token was not re-signed.');
    assert.equal(jsonProblem('{"a": 1,}'), 'Not valid JSON yet: A "quoted" name expected, not “}” (line 1, column 9). The token was not re-signed.');
    assert.equal(jsonProblem('{"a" 1}'), 'Not valid JSON yet: A : after the name expected, not “1” (line 1, column 6). The token was not re-signed.');
    assert.equal(jsonProblem('{"a": [1, 2]} x'), 'Not valid JSON yet: The end after the value expected, not “x” (line 1, column 15). The token was not re-signed.');
  });
  it('an unfinished object', () => {
    assert.equal(jsonProblem('{"user": "alice",'), 'Not valid JSON yet: A "quoted" name expected, but the text ends (line 1, column 18). The token was not re-signed.');
  });
});

describe('webview/editCheck: linear on a large payload', () => {
  it('a 1 MB payload with the error at its end is checked at once', () => {
    const big = `{"a": [${'1, '.repeat(350_000)}2}`;
    assert.match(jsonProblem(big) ?? '', /A , or \] expected, not “}”/);
  });
});
