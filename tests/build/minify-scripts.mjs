// Trunk post_build hook (Trunk.toml): in a release build, minifies the site's JavaScript in Trunk's
// staging folder with terser: the wasm-bindgen glue, boot.js and the service worker. Every reader
// downloads them; comments, long local names and whitespace are a third of their gzipped size.
// Trunk's own minifier is not used: it fails on the glue's `export default` and leaves it as written.
// Debug builds (`trunk serve`) keep the files as written, so a stack trace there reads like the source.

import fs from 'node:fs';
import path from 'node:path';

// File name, and whether it is an ES module (names at its top level are its own) or a classic script.
const SCRIPTS = [
  ['downhill-web.js', true],
  ['boot.js', true],
  ['sw.js', false],
];

if (process.env.TRUNK_PROFILE === 'release') {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk hook');
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
