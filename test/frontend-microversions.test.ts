import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildModel } from '../generator/model/build.ts';
import { paragraphVersions } from '../generator/frontend/microversions.ts';
import { fixtureTree, rst } from './helpers/fixture-tree.ts';

/** The operation built from one operation's prose. */
function opWith(prose: string): ReturnType<typeof buildModel>['operations'][number] {
  const dir = fixtureTree({ 'index.rst': `Op\n==\n\n.. rest_method:: GET /x\n\n${prose}\n\nNormal response codes: 200\n` });
  return buildModel(join(dir, 'index.rst'), { pathBase: dir }).operations[0]!;
}

const line = (text: string) => ({ text, file: 'f.inc', line: 1 });

describe('prose microversions: what bounds the operation', () => {
  // Statements about the operation itself.
  const bounds: [string, string][] = [
    ['This API is available starting with microversion 2.55.', '2.55'],
    ['Available starting in the 3.27 microversion.', '3.27'],
    ['Available since API microversion ``3.40``.', '3.40'],
    ['New in version 2.97', '2.97'],
    ['Lists all resource filters, available since\nmicroversion 3.33.', '3.33'],
    ['Request cleanup of services. This API is only\navailable with microversion 3.24 or later.', '3.24'],
    ['Action ``force-down`` available as of microversion 2.11.', '2.11'],
    ['Attaches shares, and detaches a share (New in version 2.97).', '2.97'],
  ];
  it.each(bounds)('%j is the minimum', (prose, min) => {
    const op = opWith(prose);
    expect(op.minVersion).toBe(min);
    expect(op.versionNotes.filter((n) => n.kind === 'min').map((n) => n.version)).toEqual([min]);
  });

  // Statements about a parameter, a field or a behaviour: the operation exists before them.
  const changes: [string, string][] = [
    ['Starting from microversion 2.59, the response is sorted by ``created_at``\nand ``id`` in descending order.', '2.59'],
    ['Up to microversion 2.55, the scheduler chooses the host.\nStarting from microversion 2.56, the ``host`` parameter is available\nto specify the destination host.', '2.56'],
    ['The ``host`` parameter is available starting from microversion 2.56.', '2.56'],
    ['Action information of deleted instances can be returned for requests\nstarting with microversion 2.21.', '2.21'],
    ['Starting from API version 2.25, the ``block_migration`` parameter could be\nto ``auto``.', '2.25'],
    ['Nova HyperV driver has been removed. Starting from microversion 2.31\nit\'s available for all other console types.', '2.31'],
    ['For microversions from 2.24 to 2.64 the migration status must be ``running``,\nfor microversion 2.65 and greater, the migration status can also be ``queued``.', '2.65'],
    ['Starting with microversion 2.53 this API is superseded by the one below.', '2.53'],
    ['*``spice-direct`` consoles were added in microversion 2.99.*', '2.99'],
    ['This action is deprecated in microversion 2.5 and superseded by another API.', '2.5'],
  ];
  it.each(changes)('%j is a change, not a bound', (prose, changed) => {
    const op = opWith(prose);
    expect(op.minVersion).toBeUndefined();
    expect(op.maxVersion).toBeUndefined();
    expect(op.versionNotes.map((n) => [n.kind, n.version])).toEqual([['changed', changed]]);
  });

  it('never bounds the operation from a list item, which describes an item (nova listServers)', () => {
    const op = opWith(rst`
      - For non-admin users, the valid whitelist includes

        - \`\`changes-since\`\`
        - \`\`ip6\`\` (New in version 2.5)
        - \`\`locked\`\` (New in version 2.73)
    `);
    expect(op.minVersion).toBeUndefined();
    expect(op.versionNotes.map((n) => [n.kind, n.version, n.source.line])).toEqual([
      ['changed', '2.5', 9],
      ['changed', '2.73', 10],
    ]);
  });

  it('treats the lines from the first bullet of a paragraph on as list items', () => {
    const notes = paragraphVersions([line('This API is available since v3.9. Filters:'), line('- ``name`` (New in version 3.10)')]);
    expect(notes.map((n) => [n.kind, n.version])).toEqual([
      ['min', '3.9'],
      ['changed', '3.10'],
    ]);
  });

  it('reads the bound from a note in the operation, at the line it is written on', () => {
    const op = opWith(rst`
      Abort an in-progress live migration.

      .. note:: Microversion 2.24 or greater is required for this API.

      .. note:: With microversion 2.65 or greater, you can abort live migrations
          also in \`\`queued\`\` status.
    `);
    expect(op.minVersion).toBe('2.24');
    expect(op.versionNotes.map((n) => [n.kind, n.version, n.source.line])).toEqual([
      ['min', '2.24', 8],
      ['changed', '2.65', 10],
    ]);
    expect(op.description).toContain('> **Note:** Microversion 2.24 or greater is required for this API.');
  });

  it("applies a section's own statement to each of its operations, after theirs", () => {
    const dir = fixtureTree({
      'index.rst': rst`
        API
        ===

        Shares
        ------

        Attaches shares and detaches them (New in version 2.97).

        List shares
        ~~~~~~~~~~~

        .. rest_method:: GET /shares

        Show share
        ~~~~~~~~~~

        .. rest_method:: GET /shares/{id}

        This API is available starting with microversion 2.98.

        Other
        -----

        Nothing new here, but \`\`flag\`\` is new in version 2.99.

        List others
        ~~~~~~~~~~~

        .. rest_method:: GET /others

        Lone
        ====

        .. rest_method:: GET /lone

        New in version 2.5
      `,
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    const byPath = Object.fromEntries(model.operations.map((o) => [o.path, o]));
    expect(byPath['/shares']!.minVersion).toBe('2.97');
    expect(byPath['/shares']!.versionNotes).toEqual([expect.objectContaining({ kind: 'min', version: '2.97', source: { file: 'index.rst', line: 7 } })]);
    expect(byPath['/shares/{id}']!.minVersion).toBe('2.98');
    // A section's statement about one of its items does not bound its operations.
    expect(byPath['/others']!.minVersion).toBeUndefined();
    expect(byPath['/others']!.versionNotes).toEqual([]);
    // An operation whose heading is its own section reads its prose once.
    expect(byPath['/lone']!.versionNotes.map((n) => [n.kind, n.version])).toEqual([['min', '2.5']]);
  });
});
