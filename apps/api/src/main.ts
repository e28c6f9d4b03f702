import 'reflect-metadata';
import { jwtSecret, settings } from '../../../libs/config/settings';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  // Validate every setting, and the token key, before anything starts.
  const { HOST, PORT } = settings();
  jwtSecret();
  const app = await createApp();
  await app.listen(PORT, HOST);
  console.log(`API listening on http://${HOST}:${PORT}/api (docs: /api/docs)`);
}

main().catch((error) => {
  console.error('API failed to start:', error);
  process.exit(1);
});
