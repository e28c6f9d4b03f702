import 'reflect-metadata';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const app = await createApp();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  console.log(`API listening on http://localhost:${port}/api (docs: /api/docs)`);
}

main().catch((error) => {
  console.error('API failed to start:', error);
  process.exit(1);
});
