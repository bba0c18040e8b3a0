/**
 * `apiref mock` as a person runs it: a real process that prints its URL,
 * serves the spec, and stops cleanly on SIGINT and SIGTERM; bad usage exits 2
 * with one clear line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = ['bin/apiref.js', 'mock'];

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts the mock and resolves once it has printed the URL it listens on. */
function start(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        child.stdout!.off('data', check);
        resolve({ child, url: m[1]!, output: () => out, exit });
      }
    };
    child.stdout!.on('data', check);
    void exit.then((code) => reject(new Error(`mock exited with ${code} before listening:\n${out}`)));
  });
}

const V = { 'OpenStack-API-Version': 'volume 3.44', 'content-type': 'application/json' };

describe('apiref mock (CLI)', () => {
  it('serves samples, names its range, and stops on SIGINT with exit 0', async () => {
    const mock = await start(['--spec', 'spec']);
    try {
      // apiref.config.yaml names this spec's service type and header, so negotiation is on.
      expect(mock.output()).toMatch(/microversions 3\.0 to 3\.54 via OpenStack-API-Version/);
      const res = await fetch(`${mock.url}/v3/any/attachments`, { headers: V });
      expect(res.status).toBe(200);
      expect(res.headers.get('openstack-api-version')).toBe('volume 3.44');
      expect(((await res.json()) as { attachments: unknown[] }).attachments.length).toBeGreaterThan(0);

      // While it runs, a second mock on the same port is a usage error.
      const port = new URL(mock.url).port;
      const clash = spawnSync(process.execPath, [...CLI, '--spec', 'spec', '--port', port], { encoding: 'utf8' });
      expect(clash.status).toBe(2);
      expect(clash.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+: address already in use/);
    } finally {
      mock.child.kill('SIGINT');
    }
    expect(await mock.exit).toBe(0);
    expect(mock.output()).toContain('SIGINT, stopping');
  });

  it('keeps state with --stateful, and stops on SIGTERM with exit 0', async () => {
    const mock = await start(['--spec', 'spec', '--stateful']);
    try {
      expect(mock.output()).toContain('(stateful)');
      const created = await fetch(`${mock.url}/v3/p/attachments`, { method: 'POST', headers: V, body: JSON.stringify({ attachment: { volume_uuid: 'v' } }) });
      const { attachment } = (await created.json()) as { attachment: { id: string } };
      expect((await fetch(`${mock.url}/v3/p/attachments/${attachment.id}`, { headers: V })).status).toBe(200);
      expect((await fetch(`${mock.url}/v3/p/attachments/unknown`, { headers: V })).status).toBe(404);
    } finally {
      mock.child.kill('SIGTERM');
    }
    expect(await mock.exit).toBe(0);
  });

  it('negotiates in the default header when the spec has microversions, as --help says, unless told otherwise', async () => {
    // A copy of spec/ that apiref.config.yaml does not name: nothing but the defaults applies.
    const dir = mkdtempSync(join(tmpdir(), 'apiref-mock-'));
    cpSync('spec', dir, { recursive: true });
    try {
      const mock = await start(['--spec', dir]);
      try {
        expect(mock.output()).toMatch(/microversions 3\.0 to 3\.54 via OpenStack-API-Version \(any service type; --service-type to name one\)/);
        const res = await fetch(`${mock.url}/v3/p/attachments`, { headers: { 'OpenStack-API-Version': 'volume 3.44' } });
        expect(res.status).toBe(200);
        expect(res.headers.get('openstack-api-version')).toBe('volume 3.44');
        expect((await fetch(`${mock.url}/v3/p/attachments`, { headers: { 'OpenStack-API-Version': 'volume 3.99' } })).status).toBe(406);
      } finally {
        mock.child.kill('SIGTERM');
        await mock.exit;
      }
      // A document that says "version" but never "microversion" (Keystone, Glance) versions its
      // API without negotiating: no default header for it.
      const plain = mkdtempSync(join(tmpdir(), 'apiref-mock-plain-'));
      cpSync('spec', plain, { recursive: true });
      for (const f of readdirSync(plain).filter((n) => /\.(rst|inc|yaml)$/.test(n))) {
        writeFileSync(join(plain, f), readFileSync(join(plain, f), 'utf8').replace(/micro-?version/gi, 'version'));
      }
      const versioned = await start(['--spec', plain]);
      try {
        expect(versioned.output()).toContain('no microversion negotiation');
      } finally {
        versioned.child.kill('SIGTERM');
        await versioned.exit;
        rmSync(plain, { recursive: true, force: true });
      }
      const off = await start(['--spec', dir, '--no-microversions']);
      try {
        expect(off.output()).toContain('no microversion negotiation');
      } finally {
        off.child.kill('SIGTERM');
        await off.exit;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('documents its options in --help and refuses bad ones with exit 2', () => {
    const help = spawnSync(process.execPath, [...CLI, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const option of ['--spec', '--port', '--host', '--stateful', '--base-path', '--min-version', '--max-version']) expect(help.stdout).toContain(option);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/--microversion-header <name> the microversion header, used when the spec mentions microversions;.*\(default: "OpenStack-API-Version"\)/);
    const badPort = spawnSync(process.execPath, [...CLI, '--spec', 'spec', '--port', 'eighty'], { encoding: 'utf8' });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr.trim()).toBe('apiref: --port must be an integer from 0 to 65535, not "eighty"');
    const badSpec = spawnSync(process.execPath, [...CLI, '--spec', 'no/such/dir'], { encoding: 'utf8' });
    expect(badSpec.status).toBe(2);
    expect(badSpec.stderr).toMatch(/^apiref: spec entry not found: no\/such\/dir/);
    expect(badSpec.stderr).not.toMatch(/\n\s+at /);
    const badVersion = spawnSync(process.execPath, [...CLI, '--spec', 'spec', '--max-version', 'latest'], { encoding: 'utf8' });
    expect(badVersion.status).toBe(2);
  });
});
