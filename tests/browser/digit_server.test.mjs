// chainrule-mnist serve and predict without a browser (docs/html.md, "The digit
// recogniser"): the server listens on 127.0.0.1 only, answers 1 000 malformed requests
// (random bytes, truncated PNGs, bodies above the limit, wrong methods, paths and content
// types, non-HTTP bytes) with a 4xx and a JSON message, and still recognises a digit
// afterwards; `predict` prints a digit and exits 2 naming the file for a bad one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { OUT_DIR } from './chromium.mjs';
import { digitPng, encodePng, loadDigits, mnistSetupOrSkip, startServer, stopServer, testSet, withClaimedSize } from './mnist_digits.mjs';

const { BIN, DATA, PARAMS } = mnistSetupOrSkip(OUT_DIR);
let server = null;
let digits = null;

before(async () => {
  digits = testSet(loadDigits(DATA));
  server = await startServer(BIN, ['--params', PARAMS, '--data', DATA]);
});
after(async () => { await stopServer(server); });

// One request as raw bytes on its own connection; resolves to {status, body} once the
// answer is complete (status 0 when the server closed the connection without one). The
// client does not half-close: httplib drops the answer to a client that did.
function raw(bytes, { port = server.port, host = '127.0.0.1' } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host });
    let data = Buffer.alloc(0);
    const answer = () => {
      const text = data.toString('latin1');
      const status = Number((text.match(/^HTTP\/1\.[01] (\d{3})/) || [0, 0])[1]);
      const end = data.indexOf('\r\n\r\n');
      return { status, body: end < 0 ? '' : data.subarray(end + 4).toString('utf8') };
    };
    const complete = () => {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return false;
      const length = data.subarray(0, end).toString('latin1').match(/\r\ncontent-length: *(\d+)/i);
      return length !== null && data.length >= end + 4 + Number(length[1]);
    };
    socket.setTimeout(10000, () => socket.destroy(new Error('no answer in 10 s')));
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (d) => {
      data = Buffer.concat([data, d]);
      if (complete()) { resolve(answer()); socket.destroy(); }
    });
    socket.on('error', (e) => (data.length ? resolve(answer()) : reject(e)));
    socket.on('close', () => resolve(answer()));
  });
}

function request(method, path, body = Buffer.alloc(0), headers = {}) {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  if (!('Content-Length' in headers) && !('Transfer-Encoding' in headers)) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), body]);
}

// A POST of `body` in chunks of 64 KiB (Transfer-Encoding: chunked: no Content-Length).
function chunked(body) {
  const parts = [];
  for (let at = 0; at < body.length; at += 65536) {
    const piece = body.subarray(at, at + 65536);
    parts.push(Buffer.from(piece.length.toString(16) + '\r\n', 'latin1'), piece, Buffer.from('\r\n', 'latin1'));
  }
  parts.push(Buffer.from('0\r\n\r\n', 'latin1'));
  return request('POST', '/api/predict', Buffer.concat(parts), { ...PNG, 'Transfer-Encoding': 'chunked' });
}

// A deterministic generator (xorshift32), so that a failure can be repeated.
function bytesFrom(seed) {
  let x = seed || 1;
  return (n) => Buffer.from(Array.from({ length: n }, () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) & 0xff; }));
}

const PNG = { 'Content-Type': 'image/png' };

// `png` with the byte at `at` changed (xor `mask` ≠ 0): inside IHDR or IDAT, a CRC error.
function flipped(png, at, mask) {
  const copy = Buffer.from(png);
  copy[at] ^= mask;
  return copy;
}

// The i-th malformed request, what it is, and the statuses that are right for it.
function garbage(i, random, validPng) {
  const n = 1 + (i * 37) % 3000;
  switch (i % 13) {
    case 0: return ['random bytes as a PNG', request('POST', '/api/predict', random(n), PNG), [400]];
    // Cut before IEND's 12 bytes: a PNG missing only its IEND still has all its pixels.
    case 1: return ['a truncated PNG', request('POST', '/api/predict', validPng.subarray(0, 1 + (i * 131) % (validPng.length - 13)), PNG), [400]];
    // A flipped byte fails a chunk's CRC (400), or makes the header claim a size (413).
    case 2: return ['a PNG with a flipped byte', request('POST', '/api/predict', flipped(validPng, 40 + i % 100, 1 + i % 255), PNG), [400, 413]];
    case 3: return ['a body above the limit', request('POST', '/api/predict', random(256 * 1024 + 1 + i), PNG), [413]];
    case 4: return ['a wrong method', request(['PUT', 'DELETE', 'PATCH', 'GET', 'OPTIONS'][i % 5], '/api/predict'), [404, 405]];
    case 5: return ['a wrong path', request(i % 2 ? 'GET' : 'POST', ['/nope', '/api/predictx', '/../etc/passwd', '/%00', '/api'][i % 5], validPng, PNG), [400, 404]];
    case 6: return ['a wrong content type', request('POST', '/api/predict', validPng, { 'Content-Type': ['text/plain', 'application/json', 'image/jpeg', 'image/pngx'][i % 4] }), [415]];
    case 7: return ['no content type', request('POST', '/api/predict', validPng), [415]];
    case 8: return ['not HTTP at all', Buffer.concat([random(n % 500), Buffer.from('\r\n\r\n')]), [400, 404, 405]];
    case 9: return ['an empty body', request('POST', '/api/predict', Buffer.alloc(0), PNG), [400]];
    case 10: return ['a blank picture', request('POST', '/api/predict', encodePng(40, 40, new Uint8Array(1600).fill(255)), PNG), [422]];
    case 11: return ['a chunked body', chunked(i % 2 ? validPng : random(300 * 1024 + i)), [411]];
    default: return ['a 5000 × 5000 PNG header', request('POST', '/api/predict', withClaimedSize(validPng, 4097 + i, 5000), PNG), [413]];
  }
}

test('listens on 127.0.0.1 only', async () => {
  const hex = server.port.toString(16).toUpperCase().padStart(4, '0');
  const listening = (file) => readFileSync(file, 'utf8').split('\n').slice(1).map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length > 3 && f[1].endsWith(`:${hex}`) && f[3] === '0A').map((f) => f[1]);
  assert.deepEqual(listening('/proc/net/tcp'), [`0100007F:${hex}`]);
  assert.deepEqual(listening('/proc/net/tcp6'), []);
  await assert.rejects(raw(request('GET', '/'), { host: '127.0.0.2' }), /ECONNREFUSED/);
});

test('a second server on the same port fails to bind (exit 2) instead of sharing it', async () => {
  const { status, stderr } = await new Promise((resolve) => {
    execFile(BIN, ['serve', '--port', String(server.port), '--params', PARAMS, '--data', DATA], { timeout: 30000 },
             (error, stdout, err) => resolve({ status: error ? error.code : 0, stderr: err }));
  });
  assert.equal(status, 2, stderr);
  assert.match(stderr, /cannot listen on 127\.0\.0\.1:\d+/);
});

test('serves the page', async () => {
  const res = await raw(request('GET', '/'));
  assert.equal(res.status, 200);
  assert.match(res.body, /<canvas id="pad"/);
});

test('1000 malformed requests are each answered with their 4xx, and a digit is still recognised', async () => {
  const random = bytesFrom(20261207);
  const validPng = digitPng(digits[0].pixels, 4);
  const failures = [];
  const statuses = {};
  const slow = [];
  // Four at a time: httplib's listen backlog is 5, and a connection beyond it waits for
  // the client's SYN to be sent again (1 s).
  for (let start = 0; start < 1000; start += 4) {
    const batch = Array.from({ length: 4 }, (_, k) => garbage(start + k, random, validPng));
    const answers = await Promise.all(batch.map(async ([what, bytes]) => {
      const t0 = Date.now();
      const res = await raw(bytes);
      if (Date.now() - t0 > 1000) slow.push(`${what}: ${Date.now() - t0} ms`);   // none expected
      return res;
    }));
    answers.forEach((res, k) => {
      statuses[res.status] = (statuses[res.status] || 0) + 1;
      const json = (() => { try { return JSON.parse(res.body); } catch { return null; } })();
      if (!batch[k][2].includes(res.status) || !json || typeof json.error !== 'string')
        failures.push(`request ${start + k} (${batch[k][0]}, expected ${batch[k][2]}): ${res.status} ${res.body.slice(0, 120)}`);
    });
  }
  console.log('statuses of the 1000 answers:', JSON.stringify(statuses));
  console.log('slow answers:', slow.slice(0, 20));
  assert.deepEqual(failures, []);
  const ok = await raw(request('POST', '/api/predict', validPng, PNG));
  assert.equal(ok.status, 200);
  const answer = JSON.parse(ok.body);
  assert.equal(answer.digit, digits[0].label);
  assert.equal(answer.probabilities.length, 10);
  assert.ok(Math.abs(answer.probabilities.reduce((a, b) => a + b) - 1) < 1e-9);
  assert.equal(answer.input.length, 784);
});

test('the error codes: 400 not a PNG, 413 too large, 415 content type, 422 blank, 405 method', async () => {
  const expect = async (bytes, status, message) => {
    const res = await raw(bytes);
    assert.equal(res.status, status, res.body);
    assert.match(JSON.parse(res.body).error, message);
  };
  await expect(request('POST', '/api/predict', Buffer.from('GIF89a'), PNG), 400, /not a PNG/);
  await expect(request('POST', '/api/predict', Buffer.alloc(0), PNG), 400, /empty body/);
  await expect(request('POST', '/api/predict', Buffer.alloc(256 * 1024 + 1), PNG), 413, /256 KiB/);
  await expect(request('POST', '/api/predict', withClaimedSize(digitPng(digits[0].pixels, 1), 4097, 20), PNG), 413, /4097 × 20 pixels; at most 4096/);
  await expect(request('POST', '/api/predict', Buffer.from('x'), { 'Content-Type': 'text/plain' }), 415, /image\/png/);
  await expect(request('POST', '/api/predict', encodePng(9, 9, new Uint8Array(81).fill(255)), PNG), 422, /blank/);
  await expect(request('GET', '/api/predict'), 405, /POST/);
  await expect(request('GET', '/nope'), 404, /no such page/);
});

test('predict prints the digit and exits 2 naming a bad file', async () => {
  const run = promisify(execFile);
  const png = join(OUT_DIR, `digit-${digits[0].label}.png`);
  writeFileSync(png, digitPng(digits[0].pixels));
  const { stdout } = await run(BIN, ['predict', png, '--params', PARAMS]);
  assert.match(stdout, new RegExp(`^digit ${digits[0].label}\\n`));
  assert.equal(stdout.trim().split('\n').length, 11);
  const bad = join(OUT_DIR, 'not-a-picture.png');
  writeFileSync(bad, 'hello');
  const cases = [[bad, /not-a-picture\.png'?: not a PNG image/, PARAMS], [join(OUT_DIR, 'missing.png'), /cannot read '.*missing\.png'/, PARAMS],
                 [OUT_DIR, /^chainrule-mnist: cannot read '.*' \(not a readable file\)/, PARAMS],   // a directory
                 [png, /^chainrule: parameter file '.*' is not a file/, OUT_DIR]];                     // --params a directory
  for (const [file, message, params] of cases) {
    const failed = await run(BIN, ['predict', file, '--params', params]).then(() => null, (e) => e);
    assert.ok(failed, `predict ${file} succeeded`);
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, message);
    assert.equal(failed.stderr.trim().split('\n').length, 1);
  }
});
