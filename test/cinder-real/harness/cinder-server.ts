import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './free-port.ts';

/**
 * Starts and stops the real cinder-api through scripts/cinder-real/cinder-real.sh
 * (which knows the configuration traps; see its README). Each run gets its own
 * STATE folder (config, SQLite DB, logs, pid file) and a free port, so runs do
 * not clash with each other or with a developer's own `cinder-real.sh start`.
 */

const REPO = resolve(import.meta.dirname, '..', '..', '..');
export const CINDER_SCRIPT = join(REPO, 'scripts', 'cinder-real', 'cinder-real.sh');

/** The interpreter cinder is installed for (python3-cinder lives in dist-packages). */
const SYSTEM_PYTHON = '/usr/bin/python3';

export interface RunningCinder {
  /** `http://127.0.0.1:<port>`: the endpoint the api-ref paths (`/v3/...`) are relative to. */
  url: string;
  port: number;
  stateDir: string;
  /** cinder's own log (oslo.log), for failure messages. */
  logFile: string;
  /** Seconds `start` took until cinder was ready. */
  startSeconds: number;
  /** Stops the process group; safe to call more than once. */
  stop(): void;
}

/** The installed cinder version, or undefined (with the reason) when it cannot be imported. */
export function cinderVersion(): { version: string } | { missing: string } {
  if (!existsSync(SYSTEM_PYTHON)) return { missing: `${SYSTEM_PYTHON} not found` };
  const r = spawnSync(SYSTEM_PYTHON, ['-c', 'import cinder.version as v; print(v.version_string())'], { encoding: 'utf8' });
  if (r.status !== 0) return { missing: `python3-cinder is not installed (${SYSTEM_PYTHON} cannot import cinder)` };
  return { version: r.stdout.trim() };
}

interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runScript(command: 'start' | 'stop', env: NodeJS.ProcessEnv): Promise<ScriptResult> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [CINDER_SCRIPT, command], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Stops synchronously: usable from teardown and from process exit handlers alike. */
function stopSync(stateDir: string): void {
  spawnSync('bash', [CINDER_SCRIPT, 'stop'], { env: { ...process.env, STATE: stateDir }, stdio: 'ignore', timeout: 30_000 });
}

/**
 * Starts cinder in `mode` with its state in `stateDir`. Picks a free port and,
 * if another process grabbed it in between (the script refuses a port that
 * answers, or cinder fails to bind), tries again with a new one.
 */
export async function startCinder(options: { stateDir: string; mode: 'aio' | 'api'; attempts?: number }): Promise<RunningCinder> {
  const attempts = options.attempts ?? 3;
  let lastError = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = await freePort();
    const env = { PORT: String(port), STATE: options.stateDir, MODE: options.mode, FRESH: '1' };
    const t0 = performance.now();
    const r = await runScript('start', env);
    const url = r.stdout.trim();
    if (r.code === 0 && /^http:\/\/127\.0\.0\.1:\d+$/.test(url)) {
      let stopped = false;
      const stop = (): void => {
        if (stopped) return;
        stopped = true;
        stopSync(options.stateDir);
      };
      return {
        url,
        port,
        stateDir: options.stateDir,
        logFile: join(options.stateDir, 'log', 'cinder.log'),
        startSeconds: (performance.now() - t0) / 1000,
        stop,
      };
    }
    // The script cleans up after a failed start; make sure nothing is left anyway.
    stopSync(options.stateDir);
    lastError = `cinder-real.sh start (PORT=${port}, MODE=${options.mode}) exited with ${r.code}:\n${r.stderr.trim()}`;
    const portTaken = /already answers|Address already in use|EADDRINUSE/i.test(r.stderr + readConsole(options.stateDir));
    if (!portTaken) break;
  }
  throw new Error(lastError);
}

function readConsole(stateDir: string): string {
  const f = join(stateDir, 'log', 'console.out');
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
}
