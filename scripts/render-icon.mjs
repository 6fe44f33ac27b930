// Renders the Marketplace icon (media/icon.png, 128×128) from its source, media/icon-marketplace.svg, with the same
// chromium the tests use (the Marketplace refuses SVG icons). Run `node scripts/render-icon.mjs` after editing the SVG
// and commit both; `--check` renders to memory and exits 1 when the committed PNG differs from a fresh render by more
// than anti-aliasing can (another chromium may round edge pixels differently).
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync(new URL('../media/icon-marketplace.svg', import.meta.url), 'utf8');
const out = new URL('../media/icon.png', import.meta.url);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--force-color-profile=srgb', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}</style>${svg}`);
  const png = await page.locator('svg').screenshot({ omitBackground: true, type: 'png' });
  if (process.argv.includes('--check')) {
    const diff = await page.evaluate(async ([a, b]) => {
      const pixels = async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = new OffscreenCanvas(img.width, img.height);
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        return { w: img.width, h: img.height, d: g.getImageData(0, 0, img.width, img.height).data };
      };
      const [x, y] = [await pixels(a), await pixels(b)];
      if (x.w !== y.w || x.h !== y.h) return { size: `${y.w}×${y.h}, a fresh render is ${x.w}×${x.h}`, off: 0 };
      let off = 0;
      for (let i = 0; i < x.d.length; i += 4) if ([0, 1, 2, 3].some((k) => Math.abs(x.d[i + k] - y.d[i + k]) > 24)) off++;
      return { off };
    }, [png.toString('base64'), readFileSync(out).toString('base64')]);
    // An edge pixel may differ by a rounding; a shape or a colour may not (a dot alone is ~250 pixels).
    const same = !diff.size && diff.off <= 16;
    console.log(same ? `media/icon.png matches its source (${diff.off} edge pixels differ)` : `media/icon.png differs from a fresh render of media/icon-marketplace.svg (${diff.size ?? `${diff.off} pixels`}): run node scripts/render-icon.mjs`);
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(out, png);
    console.log(`media/icon.png: ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
