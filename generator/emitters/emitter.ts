import type { ApiModel } from '../model/ir.ts';

/** What an emitter needs beyond the model: names the spec itself does not give. */
export interface EmitOptions {
  /** The service type (`volume`), for the client's name and the microversion header value. */
  serviceType: string;
  /** The microversion header (`OpenStack-API-Version`, manila's `X-OpenStack-Manila-API-Version`). */
  microversionHeader: string;
}

/** One output file, relative to the output directory. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** An emitter turns the model into files. Emitters are pure: same model, same bytes. */
export interface Emitter {
  name: string;
  emit(model: ApiModel, options: EmitOptions): GeneratedFile[];
}
