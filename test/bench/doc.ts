/** docs/benchmarks.md holds one section per benchmark script, each rewritten only by its own script. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const FILE = path.resolve(__dirname, '..', '..', '..', 'docs', 'benchmarks.md');

export function writeSection(name: 'core' | 'editor', markdown: string): void {
  const begin = `<!-- begin:${name} (written by ${name === 'core' ? 'npm run bench -- --write' : 'npm run bench:editor'}) -->`;
  const end = `<!-- end:${name} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  let text = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '';
  // A file from before the sections is the core benchmarks' text.
  if (text && !text.includes('<!-- begin:')) text = `<!-- begin:core (written by npm run bench -- --write) -->\n${text.trim()}\n<!-- end:core -->\n`;
  const re = new RegExp(`<!-- begin:${name} [^\\n]*-->[\\s\\S]*?<!-- end:${name} -->`);
  text = re.test(text) ? text.replace(re, () => block) : `${text.trimEnd()}\n\n${block}\n`;
  // The core section first, then the editor's.
  fs.writeFileSync(FILE, text.trimStart().replace(/\n*$/, '\n'));
}
