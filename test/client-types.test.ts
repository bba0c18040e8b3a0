import { describe, expect, expectTypeOf, it } from 'vitest';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { VolumeClient } from '../generated/client.ts';
import type {
  Attachment,
  AttachmentSummary,
  Connector,
  CreateAttachmentPathParams,
  CreateAttachmentRequest,
  CreateAttachmentResponse,
  ListAttachmentsQuery,
  ListAttachmentsResponse,
  ShowAttachmentDetailsPathParams,
  ShowAttachmentDetailsResponse,
  UpdateAttachmentRequest,
} from '../generated/types.ts';

/**
 * Type-level tests of generated/types.ts and generated/client.ts. The
 * `@ts-expect-error` lines must fail to compile (tsc reports an unused
 * directive otherwise) and `expectTypeOf` pins the exact types. The last test
 * runs the TypeScript compiler on this very file, so `npm test` catches a
 * regression even when nobody runs `tsc -p .`.
 */

const client = new VolumeClient({ endpoint: 'http://127.0.0.1:1', token: 't' });

/** Never called: each statement only has to (not) compile. */
export function misuse(): void {
  // A missing required body field (volume_uuid).
  // @ts-expect-error
  void client.attachments.create({ path: { project_id: 'p' }, body: { instance_uuid: 'i' } });
  // A wrong type.
  // @ts-expect-error
  void client.attachments.create({ path: { project_id: 'p' }, body: { volume_uuid: 42 } });
  // No body at all where one is required.
  // @ts-expect-error
  void client.attachments.create({ path: { project_id: 'p' } });
  // A missing path parameter.
  // @ts-expect-error
  void client.attachments.showDetails({ path: { project_id: 'p' } });
  // A query parameter of the wrong type.
  // @ts-expect-error
  void client.attachments.list({ path: { project_id: 'p' }, query: { limit: '10' } });
  // An unknown query parameter.
  // @ts-expect-error
  void client.attachments.list({ path: { project_id: 'p' }, query: { colour: 'red' } });
  // An unknown operation, an unknown group.
  // @ts-expect-error
  void client.attachments.explode({ path: { project_id: 'p' } });
  // @ts-expect-error
  void client.volumes.list();
  // An option that does not exist.
  // @ts-expect-error
  void new VolumeClient({ endpoint: 'x', tokn: 't' });
  // A fixed token and a provider at once.
  // @ts-expect-error
  void new VolumeClient({ endpoint: 'x', token: 't', getToken: () => 't' });
  // exactOptionalPropertyTypes: an optional field is absent or a string, not undefined.
  // @ts-expect-error
  const explicitUndefined: CreateAttachmentRequest = { volume_uuid: 'v', instance_uuid: undefined };
  void explicitUndefined;
  // Update needs its connector.
  // @ts-expect-error
  const noConnector: UpdateAttachmentRequest = {};
  void noConnector;
  // A response field is read-typed: status is a string.
  // @ts-expect-error
  const n: number = ({} as Attachment).status;
  void n;
}

/** Types that must not exist: a DELETE with no body has no Request/Response, a GET without query params no Query. */
// @ts-expect-error
export type NoDeleteResponse = import('../generated/types.ts').DeleteAttachmentResponse;
// @ts-expect-error
export type NoDeleteRequest = import('../generated/types.ts').DeleteAttachmentRequest;
// @ts-expect-error
export type NoShowQuery = import('../generated/types.ts').ShowAttachmentDetailsQuery;
/** …but every operation has PathParams. */
export type DeletePath = import('../generated/types.ts').DeleteAttachmentPathParams;

describe('generated types, at the type level', () => {
  it('returns the unwrapped resource types', () => {
    expectTypeOf(client.attachments.create).returns.resolves.toEqualTypeOf<CreateAttachmentResponse>();
    expectTypeOf<CreateAttachmentResponse>().toEqualTypeOf<Attachment>();
    expectTypeOf<ShowAttachmentDetailsResponse>().toEqualTypeOf<Attachment>();
    expectTypeOf<ListAttachmentsResponse>().toEqualTypeOf<AttachmentSummary[]>();
    expectTypeOf(client.attachments.complete).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(client.attachments.delete).returns.resolves.toEqualTypeOf<void>();
  });

  it('types the page iterators by item', () => {
    expectTypeOf(client.attachments.listAll).returns.toEqualTypeOf<AsyncGenerator<AttachmentSummary, void, undefined>>();
    expectTypeOf(client.attachments.listWithDetailsPages).returns.toEqualTypeOf<AsyncGenerator<Attachment[], void, undefined>>();
  });

  it('keeps required and optional as the spec says', () => {
    expectTypeOf<Attachment['id']>().toEqualTypeOf<string>();
    expectTypeOf<CreateAttachmentPathParams>().toEqualTypeOf<{ project_id: string }>();
    expectTypeOf<ShowAttachmentDetailsPathParams>().toHaveProperty('attachment_id').toEqualTypeOf<string>();
    expectTypeOf<ListAttachmentsQuery['limit']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<{ volume_uuid: string }>().toExtend<CreateAttachmentRequest>();
    // The connector's keys depend on the driver: the type is open.
    expectTypeOf<{ host: string; vendor_specific: number }>().toExtend<Connector>();
  });

  it('compiles this file without errors (each @ts-expect-error line must fail)', () => {
    const here = fileURLToPath(import.meta.url);
    const root = resolve(dirname(here), '..');
    const configFile = ts.readConfigFile(resolve(root, 'tsconfig.json'), (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
    const program = ts.createProgram([here], { ...parsed.options, noEmit: true });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || !d.file.fileName.includes('node_modules'))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  });
});
