import { describe, expect, it } from 'vitest';
import type { ApiModel } from '../generator/model/ir.ts';
import { FIXTURE_SOURCE, makeOperation } from './helpers/operation.ts';
import { groupOperations } from '../generator/emitters/client/grouping.ts';

/** How client methods are named within their section's group (generator/emitters/client/grouping.ts). */

function model(section: string, ids: string[]): ApiModel {
  const operations = ids.map((id) => makeOperation(id, 'GET', `/v1/${id}`, { section }));
  return { irVersion: 1, api: { title: 'T', entry: 'x.inc' }, sections: [{ id: section, title: section, description: '', source: FIXTURE_SOURCE }], operations, diagnostics: [] } as unknown as ApiModel;
}

const names = (section: string, ids: string[], paginated: string[] = []) =>
  groupOperations(model(section, ids), (op) => paginated.includes(op.id))[0]!.methods.map((m) => [m.name, m.pagesName, m.allName].filter(Boolean).join(' '));

describe('client method names', () => {
  it('drops the words the section says, articles, and a dangling preposition', () => {
    expect(names('attachments', ['createAttachment', 'listAttachmentsWithDetails', 'addSecurityGroupToServer'])).toEqual(['create', 'listWithDetails', 'addSecurityGroupToServer']);
    expect(names('volumes', ['showVolumeMetadataForSpecificKey'])).toEqual(['showMetadataForKey']);
  });

  it('drops "all" from reads only, so the item iterator keeps its name and destructive calls keep their scope', () => {
    expect(names('volume-types', ['listAllVolumeTypes'], ['listAllVolumeTypes'])).toEqual(['list listPages listAll']);
    expect(names('server-tags', ['deleteAllTags', 'deleteTag'])).toEqual(['deleteAll', 'delete']);
  });

  it('keeps the whole id where stripping would leave two connectors side by side', () => {
    expect(names('compute-services', ['disableSchedulingForComputeServiceAndLogDisabledReason'])).toEqual(['disableSchedulingForComputeServiceAndLogDisabledReason']);
    // Connectors that were next to each other in the id are fine.
    expect(names('volume-actions', ['rollBackVolumeStatusToInUse'])).toEqual(['rollBackStatusToInUse']);
  });

  it('names groups after their section without articles, and classes without a doubled Api', () => {
    const [runAction] = groupOperations(model('servers-run-an-action', ['pauseServer']), () => false);
    expect([runAction!.property, runAction!.className]).toEqual(['serversRunAction', 'ServersRunActionApi']);
    const [trust] = groupOperations(model('os-trust-api', ['createTrust']), () => false);
    expect([trust!.property, trust!.className]).toEqual(['osTrustApi', 'OsTrustApi']);
  });
});
