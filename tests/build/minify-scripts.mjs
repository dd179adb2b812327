// Trunk post_build hook (Trunk.toml): in a release build, minifies the site's JavaScript in Trunk's
// staging folder with terser: the wasm-bindgen glue, boot.js and the service worker. Every reader
// downloads them; comments, long local names and whitespace are a third of their gzipped size.
// Trunk's own minifier is not used: it fails on the glue's `export default` and leaves it as written.
// Debug builds (`trunk serve`) keep the files as written, so a stack trace there reads like the source.

import fs from 'node:fs';
import path from 'node:path';

// File name, and whether it is an ES module (names at its top level are its own) or a classic script.
const SCRIPTS = [
  ['boot.js', true],
  ['sw.js', false],
];

/**
 * The wasm-bindgen glue in `staging`: `downhill-web-<hash>.js`, its name hashed by Trunk
 * (`filehash` in Trunk.toml), so it is found by pattern; one build stages exactly one.
 */
function glueIn(staging) {
  const glue = fs.readdirSync(staging).filter((name) => /^downhill-web(?:-[0-9a-f]+)?\.js$/.test(name));
  if (glue.length !== 1) {
    throw new Error(`expected one downhill-web-<hash>.js in ${staging}, found ${glue.length}: ${glue.join(', ')}`);
  }
  return glue[0];
}

if (process.env.TRUNK_PROFILE === 'release') {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk hook');
  SCRIPTS.unshift([glueIn(staging), true]);
  // Imported here, not at the top: `cargo xtask serve` installs no Node packages, and its debug
  // builds run this hook too, so a debug build must not need terser at all.
  const { minify } = await import('terser');
  for (const [name, isModule] of SCRIPTS) {
    const file = path.join(staging, name);
    const source = fs.readFileSync(file, 'utf8');
    const result = await minify(source, {
      module: isModule,
      ecma: 2020,
      compress: { passes: 2 },
      mangle: true,
      format: { comments: false },
    });
    fs.writeFileSync(file, result.code);
  }
}
