import 'reflect-metadata';
import { settings } from '../../../libs/config/settings';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const { PORT } = settings(); // validates every setting before anything starts
  const app = await createApp();
  await app.listen(PORT);
  console.log(`API listening on http://localhost:${PORT}/api (docs: /api/docs)`);
}

main().catch((error) => {
  console.error('API failed to start:', error);
  process.exit(1);
});
