/**
 * How each OpenStack service writes its error bodies, by service type: the one
 * place that knows it, shared by the OpenAPI exporter (which describes the
 * bodies) and the server route table (whose runtime writes them). Nova,
 * Cinder, Manila and Glance wrap the fault in a key named after it
 * (`{"itemNotFound": {"code": 404, "message": "..."}}`): that is the default
 * and needs no entry. Keystone always uses `error`, Neutron `NeutronError`.
 */
import type { ErrorEnvelope } from '../../templates/server/runtime/spec.ts';

export const SERVICE_ERROR_ENVELOPES: Readonly<Record<string, ErrorEnvelope>> = {
  // keystone/exception.py: `{"error": {"code": 404, "title": "Not Found", "message": "..."}}`
  identity: { key: 'error', fields: ['code', 'title', 'message'] },
  // neutron/api/v2/base.py: `{"NeutronError": {"type": "HTTPNotFound", "message": "...", "detail": ""}}`
  network: { key: 'NeutronError', fields: ['type', 'message', 'detail'] },
};

/** The fixed envelope of a service's errors, or undefined where the envelope is the fault's name. */
export function serviceErrorEnvelope(serviceType: string | undefined): ErrorEnvelope | undefined {
  return serviceType !== undefined && Object.prototype.hasOwnProperty.call(SERVICE_ERROR_ENVELOPES, serviceType) ? SERVICE_ERROR_ENVELOPES[serviceType] : undefined;
}
