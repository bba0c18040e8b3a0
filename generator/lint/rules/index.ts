import type { Rule } from '../context.ts';
import { frontEndFindings } from './frontend.ts';
import { parameterOrder } from './parameter-order.ts';
import { stanzaOrder } from './stanza-order.ts';
import { pathParamNotPath } from './path-params.ts';
import { sampleChecks } from './samples.ts';
import { duplicateOperationIds } from './operation-ids.ts';

/** Every rule lint runs, the front end's diagnostics first. */
export const RULES: readonly Rule[] = [frontEndFindings, parameterOrder, stanzaOrder, pathParamNotPath, sampleChecks, duplicateOperationIds];
