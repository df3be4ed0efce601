/** A bench child: the gateway alone on a free port, for latency and memory under load; prints its URL. */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { Engine } from '../src/engine/meili.js';
import { createApp, createHttpServer } from '../src/gateway/app.js';
import { createLogger } from '../src/logger.js';

const config = loadConfig();
const engine = new Engine({ url: config.meiliUrl!, apiKey: config.meiliMasterKey });
const server = createHttpServer(createApp({ engine, indexName: config.indexName, logger: createLogger('fatal') }));
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
