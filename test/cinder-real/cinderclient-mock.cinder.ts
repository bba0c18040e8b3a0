/**
 * A real OpenStack client against `apiref mock`: python-cinderclient (Debian's
 * python3-cinderclient, installed by `cinder-real.sh install`) drives a
 * stateful mock of upstream's whole Cinder v3 api-ref through the README's
 * recipe: version discovery, create a volume, list it, attach it, list and
 * delete the attachment. This is the "point an existing client at it" promise,
 * checked with the client Cinder's own operators use.
 */
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../../generator/corpus.ts';
import { buildModel } from '../../generator/model/build.ts';
import { startMock } from '../../generator/mock/mock-server.ts';

const CLI = spawnSync('cinder', ['--version'], { encoding: 'utf8' });
const present = CLI.status === 0;
if (!present) console.warn('cinderclient-mock: skipped, the `cinder` CLI is not installed (scripts/cinder-real/cinder-real.sh install brings python3-cinderclient)');
const SERVER = '3b8b6631-1cf7-4fd7-9afb-c01e541a0345';

describe.skipIf(!present)('python-cinderclient against apiref mock --stateful', () => {
  let mock: Awaited<ReturnType<typeof startMock>>;
  // Asynchronous: the mock runs in this process, and a blocking spawn would stop it from answering.
  const cinder = async (...args: string[]): Promise<string> => {
    const argv = ['--os-auth-type', 'noauth', '--os-user-id', 'admin', '--os-project-id', 'demo', '--os-endpoint', `${mock.url}/v3/demo`, '--os-volume-api-version', '3.44', ...args];
    const { err, stdout, stderr } = await new Promise<{ err: Error | null; stdout: string; stderr: string }>((done) => {
      execFile('cinder', argv, { encoding: 'utf8', timeout: 30_000 }, (e, out, errText) => done({ err: e, stdout: out, stderr: errText }));
    });
    // Asserted here, not in the callback, so that a failure names the command instead of hanging the test.
    expect(stderr, `cinder ${args.join(' ')}`).not.toMatch(/ERROR/);
    expect(err, `cinder ${args.join(' ')}: ${stderr}`).toBeNull();
    return stdout;
  };
  /** The first column of a cinderclient table's data rows. */
  const ids = (table: string): string[] => table.split('\n').filter((l) => /^\|\s*[0-9a-f-]{36}\s*\|/.test(l)).map((l) => l.split('|')[1]!.trim());

  beforeAll(async () => {
    const model = buildModel(join(corpusDir(), 'cinder/api-ref/source/v3/index.rst'), { serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' });
    mock = await startMock(model, { port: 0, stateful: true, serviceType: 'volume', microversionHeader: 'OpenStack-API-Version', maxVersion: '3.70' });
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('creates, lists, attaches and detaches as against Cinder', async () => {
    expect(ids(await cinder('list'))).toEqual([]);
    const created = await cinder('create', '1', '--name', 'apiref-cli');
    expect(created).toMatch(/\|\s*name\s*\|\s*apiref-cli\s*\|/);
    const [volume] = ids(await cinder('list'));
    expect(volume).toBeDefined();
    const attached = await cinder('attachment-create', volume!, SERVER);
    expect(attached).toMatch(/\|\s*status\s*\|\s*\w+\s*\|/);
    const [attachment] = ids(await cinder('attachment-list'));
    expect(attachment).toBeDefined();
    await cinder('attachment-delete', attachment!);
    expect(ids(await cinder('attachment-list'))).toEqual([]);
  });
});
