import * as assert from 'node:assert/strict';
import { flashCopied, noticeLook } from '../../../src/webview/notice';

describe('webview/notice: the status line and the "Copied" confirmation', () => {
  it('the button clicked last says "Copied" when the notice is flagged as a copy, whatever its text\'s language', () => {
    assert.equal(flashCopied({ type: 'notice', level: 'info', text: 'Token kopiert.', copied: true }, 'token'), 'token');
    assert.equal(flashCopied({ type: 'notice', level: 'info', text: 'Copied the payload.', copied: true }, 'payload'), 'payload');
  });
  it('a notice that is not a copy\'s confirmation flashes nothing, even one whose text begins with "Copied"', () => {
    assert.equal(flashCopied({ type: 'notice', level: 'info', text: 'Copied the token.' }, 'token'), undefined);
    assert.equal(flashCopied({ type: 'notice', level: 'error', text: 'Nothing to copy: the text is not a token.', copied: true }, 'token'), undefined);
    assert.equal(flashCopied({ type: 'notice', level: 'info', text: 'x', copied: true }, undefined), undefined);
  });
  it('the status line is coloured by the notice\'s level', () => {
    assert.equal(noticeLook({ type: 'notice', level: 'error', text: 'x' }), 'notice error');
    assert.equal(noticeLook({ type: 'notice', level: 'info', text: 'x' }), 'notice info');
  });
});
