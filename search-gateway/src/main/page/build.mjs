// The practitioner page's build step (run by Maven after `npm ci`): GOV.UK Frontend and the page's own files are
// written under /assets/ with a hash of their content in the name, and every reference to them (HTML, CSS url(),
// ES module imports) is rewritten to the hashed name. A changed file therefore has a new name: the gateway may let
// browsers keep /assets/ for a year (PageHeaders) while index.html itself is never stored.
//   node src/main/page/build.mjs <output directory, e.g. target/classes/META-INF/resources>
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const gateway = path.resolve(here, '../../..');
const govuk = path.join(gateway, 'node_modules/govuk-frontend/dist/govuk');
const out = path.resolve(process.argv[2] ?? path.join(gateway, 'target/classes/META-INF/resources'));
const assets = path.join(out, 'assets');

// Source name (as written after /assets/ in a reference) -> served name.
const served = new Map();

function hashedName(name, content) {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
  const base = path.basename(name);
  const dot = base.indexOf('.');
  return `${base.slice(0, dot)}-${hash}${base.slice(dot)}`;
}

// Every /assets/<name> reference must name a file already emitted: a typo fails the build, not the page.
function rewrite(text, from) {
  return text.replace(/\/assets\/((?:fonts\/|images\/)?[\w.-]+)/g, (match, name) => {
    if (!served.has(name)) throw new Error(`${from} refers to /assets/${name}, which the build does not produce`);
    return `/assets/${served.get(name)}`;
  });
}

async function emit(name, content) {
  const file = hashedName(name, content);
  await writeFile(path.join(assets, file), content);
  served.set(name, file);
}

async function emitText(name, text, from) {
  await emit(name, Buffer.from(rewrite(text, from), 'utf8'));
}

await rm(assets, { recursive: true, force: true });
await mkdir(assets, { recursive: true });

for (const dir of ['fonts', 'images']) {
  for (const file of await readdir(path.join(govuk, 'assets', dir))) {
    await emit(`${dir}/${file}`, await readFile(path.join(govuk, 'assets', dir, file)));
  }
}
const withoutSourceMap = (text) => text.replace(/\n?\/[*/]# sourceMappingURL=\S+( \*\/)?\s*$/, '\n');
await emitText('govuk-frontend.min.css',
  withoutSourceMap(await readFile(path.join(govuk, 'govuk-frontend.min.css'), 'utf8')), 'govuk-frontend.min.css');
await emit('govuk-frontend.min.js',
  Buffer.from(withoutSourceMap(await readFile(path.join(govuk, 'govuk-frontend.min.js'), 'utf8')), 'utf8'));

// oauth4webapi (the code flow with PKCE, in sign-in.js): one ES module without imports, served as it is.
await emit('oauth4webapi.js', Buffer.from(withoutSourceMap(
  await readFile(path.join(gateway, 'node_modules/oauth4webapi/build/index.js'), 'utf8')), 'utf8'));

// The page's own modules, each after the ones it imports.
for (const name of ['local-authorities.js', 'words.js', 'sign-in.js', 'app.js', 'la-team.js', 'app.css']) {
  await emitText(name, await readFile(path.join(here, name), 'utf8'), name);
}
await writeFile(path.join(out, 'index.html'), rewrite(await readFile(path.join(here, 'index.html'), 'utf8'), 'index.html'));
console.log(`practitioner page: index.html and ${served.size} hashed assets in ${out}`);
