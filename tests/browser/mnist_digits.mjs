// Shared by the digit page's tests: MNIST's test digits of the fixed split (docs/models.md,
// "MNIST": data/mnist/0.json … 9.json concatenated, permuted by splitmix64 Fisher–Yates
// with seed 4, the last 2 000 the test set), grey PNG encoding, and the server process.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const MASK = (1n << 64n) - 1n;

// splitmix64 (models/splitmix.hpp), as BigInts.
function splitmix64(seed) {
  let state = BigInt(seed);
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  };
}

/// fisher_yates_permutation(n, seed) of models/splitmix.hpp.
export function fisherYates(n, seed) {
  const p = Array.from({ length: n }, (_, i) => i);
  const next = splitmix64(seed);
  for (let i = n - 1; i >= 1; --i) {
    const j = Number(next() % BigInt(i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/// The 10 000 digits of `dir` as {label, pixels: 784 grey levels in [0, 1], ink 1}.
export function loadDigits(dir) {
  const all = [];
  for (let d = 0; d < 10; ++d) {
    const data = JSON.parse(readFileSync(join(dir, `${d}.json`), 'utf8')).data;
    for (let k = 0; k + 784 <= data.length; k += 784) all.push({ label: d, pixels: data.slice(k, k + 784) });
  }
  return all;
}

/// The test set of the fixed split (the last 2 000 of the permuted 10 000), in order.
export function testSet(all) {
  return fisherYates(all.length, 4).slice(8000).map((i) => all[i]);
}

/// The MNIST folder, or null when it has not been fetched (make mnist-data).
// What both MNIST tests need, or "SKIPPED: …" and the end of the process: the
// chainrule-mnist binary (set by ctest), the digits, and where the trained parameters go
// (trained by the server's first start, a few seconds).
export function mnistSetupOrSkip(outDir) {
  const BIN = process.env.CHAINRULE_MNIST_BIN;
  const DATA = mnistDir();
  if (!BIN) { console.log('SKIPPED: CHAINRULE_MNIST_BIN is not set (run through ctest)'); process.exit(0); }
  if (!DATA) { console.log('SKIPPED: no MNIST digits in data/mnist (make mnist-data)'); process.exit(0); }
  mkdirSync(outDir, { recursive: true });
  return { BIN, DATA, PARAMS: join(outDir, 'mnist-model.json') };
}

export function mnistDir() {
  const dir = join(process.env.CHAINRULE_SOURCE_DIR || '.', 'data', 'mnist');
  return existsSync(join(dir, '9.json')) ? dir : null;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/// An 8-bit PNG of width × height pixels (`channels` 1 grey, 4 RGBA), row by row.
export function encodePng(width, height, pixels, channels = 1) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, channels === 4 ? 6 : 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * channels + 1) * height);
  for (let y = 0; y < height; ++y) rows.set(pixels.subarray(y * width * channels, (y + 1) * width * channels), y * (width * channels + 1) + 1);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
                        chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/// `png` with its IHDR claiming width × height (CRC fixed): a header that passes libpng's
/// checks, with far too few pixels after it.
export function withClaimedSize(png, width, height) {
  const copy = Buffer.from(png);
  copy.writeUInt32BE(width, 16);
  copy.writeUInt32BE(height, 20);
  copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29);
  return copy;
}

/// A black-on-white PNG of an MNIST digit blown up `scale` times.
export function digitPng(pixels, scale = 10) {
  const side = 28 * scale;
  const grey = new Uint8Array(side * side);
  for (let y = 0; y < side; ++y)
    for (let x = 0; x < side; ++x) grey[y * side + x] = 255 - Math.round(255 * pixels[Math.floor(y / scale) * 28 + Math.floor(x / scale)]);
  return encodePng(side, side, grey);
}

/// Starts `chainrule-mnist serve --port 0` with `args`; resolves to {process, url} once it
/// prints its URL (training a missing parameter file first can take a few seconds).
export function startServer(bin, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ process: child, url: m[0], port: Number(m[1]) });
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => reject(new Error(`chainrule-mnist serve exited (${code}) before listening: ${err}`)));
  });
}

/// Stops the server with SIGTERM; resolves to its exit code (SIGKILL after 5 s).
export function stopServer(server) {
  if (!server || server.process.exitCode !== null) return Promise.resolve(server?.process.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.process.kill('SIGKILL'), 5000);
    server.process.on('exit', (code, signal) => { clearTimeout(timer); resolve(code ?? signal); });
    server.process.kill('SIGTERM');
  });
}
