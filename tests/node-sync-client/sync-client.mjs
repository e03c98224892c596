// An independent client of the sync protocol, written only from protos/hybridgateway/sync/v1/sync.proto:
// Hello -> Welcome -> Snapshot (all chunks) -> Ack. Prints one JSON line with what it received.
// Usage: node sync-client.mjs <control-plane host:port> <path to sync.proto> <node id>
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { createHash } from 'node:crypto';

const [address, protoPath, nodeId] = process.argv.slice(2);
const definition = protoLoader.loadSync(protoPath, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
const sync = grpc.loadPackageDefinition(definition).hybridgateway.sync.v1;
const client = new sync.ConfigSync(address, grpc.credentials.createInsecure());
const stream = client.Stream();

const fail = (message) => { console.error(message); process.exit(1); };
const timer = setTimeout(() => fail('timed out waiting for a snapshot'), 30000);
let welcome = null;
const resources = [];

stream.on('data', (message) => {
  switch (message.kind) {
    case 'welcome':
      welcome = message.welcome;
      break;
    case 'refused':
      fail('refused: ' + message.refused.code + ': ' + message.refused.reason);
      break;
    case 'snapshot': {
      const snapshot = message.snapshot;
      resources.push(...snapshot.resources);
      if (snapshot.chunk_index + 1 === snapshot.chunk_count) {
        const kinds = {};
        for (const resource of resources) {
          JSON.parse(Buffer.from(resource.json).toString('utf8')); // every entity is JSON
          kinds[resource.kind] = (kinds[resource.kind] || 0) + 1;
        }
        stream.write({ ack: { nonce: snapshot.nonce, version: snapshot.version, hash: snapshot.hash } });
        clearTimeout(timer);
        console.log(JSON.stringify({
          control_plane: welcome && welcome.control_plane_id,
          version: snapshot.version,
          hash: snapshot.hash,
          resources: resources.length,
          kinds,
          digest: createHash('sha256').update(resources.map((r) => r.kind + '/' + r.id).sort().join('\n')).digest('hex'),
        }));
        // Give the control plane a moment to record the ACK, then leave cleanly.
        setTimeout(() => { stream.end(); client.close(); process.exit(0); }, 1500);
      }
      break;
    }
    default:
      break;
  }
});
stream.on('error', (error) => fail('stream error: ' + error.message));

stream.write({
  hello: {
    node_id: nodeId,
    hostname: 'node-js-client',
    software_version: '0.1.0',
    protocol_version: 1,
    labels: { region: 'js-land', client: 'grpc-js' },
    applied_version: '0',
    applied_hash: '',
    plugins: [],
  },
});
