// An independent client of the gRPC Admin API, written only from protos/hybridgateway/admin/v1/admin.proto.
// Usage:
//   node admin-client.mjs <host:port> <admin.proto> <token> batch      reads [{"method": "...", "request": {...}}, ...] on stdin,
//                                                                      prints one JSON line per call: {"ok": true, "response": ...}
//                                                                      or {"ok": false, "code": "NOT_FOUND", "message": ..., "details_b64": ...}
//   node admin-client.mjs <host:port> <admin.proto> <token> watch <request json>
//                                                                      prints "subscribed", then one JSON line per event, then
//                                                                      {"end": true, "code": ...} when the stream ends.
// An empty token sends no authorization metadata.
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { createInterface } from 'node:readline';

const [address, protoPath, token, mode, argument] = process.argv.slice(2);
const definition = protoLoader.loadSync(protoPath, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
const admin = grpc.loadPackageDefinition(definition).hybridgateway.admin.v1;
const client = new admin.AdminApi(address, grpc.credentials.createInsecure());
const metadata = new grpc.Metadata();
if (token) {
  metadata.set('authorization', 'Bearer ' + token);
}
const codeName = (code) => Object.keys(grpc.status).find((name) => grpc.status[name] === code) || String(code);
const failure = (error) => ({
  ok: false,
  code: codeName(error.code),
  message: error.details,
  details_b64: (error.metadata && error.metadata.get('grpc-status-details-bin')[0] || Buffer.alloc(0)).toString('base64'),
});

// google.protobuf.Struct as protobuf.js shapes it ({fields: {name: {kind, stringValue, ...}}}), to and from plain JSON.
const toValue = (v) => v === null ? { nullValue: 'NULL_VALUE' }
  : Array.isArray(v) ? { listValue: { values: v.map(toValue) } }
  : typeof v === 'object' ? { structValue: toStruct(v) }
  : typeof v === 'number' ? { numberValue: v }
  : typeof v === 'boolean' ? { boolValue: v }
  : { stringValue: String(v) };
const toStruct = (o) => ({ fields: Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toValue(v)])) });
const valueKinds = ['nullValue', 'numberValue', 'stringValue', 'boolValue', 'structValue', 'listValue'];
const isStruct = (o) => o && typeof o === 'object' && !Array.isArray(o) && Object.keys(o).length === 1 && o.fields && typeof o.fields === 'object'
  && Object.values(o.fields).every((v) => v && valueKinds.includes(v.kind));
const fromValue = (v) => v.kind === 'nullValue' ? null
  : v.kind === 'listValue' ? (v.listValue.values || []).map(fromValue)
  : v.kind === 'structValue' ? fromStruct(v.structValue)
  : v[v.kind];
const fromStruct = (s) => Object.fromEntries(Object.entries(s.fields || {}).map(([k, v]) => [k, fromValue(v)]));
const plain = (o) => isStruct(o) ? fromStruct(o)
  : Array.isArray(o) ? o.map(plain)
  : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v)]))
  : o;

const call = (method, request) => new Promise((resolve) => {
  // The request fields the proto types as google.protobuf.Struct, given as plain JSON.
  for (const field of ['entity', 'rollout']) {
    if (request[field] && !request[field].fields) {
      request = { ...request, [field]: toStruct(request[field]) };
    }
  }
  if (typeof client[method] !== 'function') {
    resolve({ ok: false, code: 'NO_SUCH_METHOD', message: method });
    return;
  }
  client[method](request, metadata, { deadline: Date.now() + 60000 }, (error, response) =>
    resolve(error ? failure(error) : { ok: true, response: plain(response) }));
});

if (mode === 'batch') {
  let input = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    input += chunk;
  }
  for (const { method, request } of JSON.parse(input)) {
    console.log(JSON.stringify(await call(method, request || {})));
  }
  client.close();
} else if (mode === 'watch') {
  const stream = client.Watch(JSON.parse(argument || '{}'), metadata);
  stream.on('metadata', () => console.log('subscribed'));
  stream.on('data', (event) => console.log(JSON.stringify(plain(event))));
  stream.on('error', (error) => { console.log(JSON.stringify({ end: true, ...failure(error) })); process.exit(0); });
  stream.on('end', () => { console.log(JSON.stringify({ end: true, code: 'OK' })); process.exit(0); });
  // A line "stop" on stdin cancels the watch, as a tool that quits would.
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'stop') {
      stream.cancel();
    }
  });
} else {
  console.error('usage: admin-client.mjs <host:port> <admin.proto> <token> batch|watch [request]');
  process.exit(2);
}
