/**
 * Brings a database to the current schema (migrations, never synchronize) and, unless
 * SEED_DEMO=false, creates the demo users and sample credit data. Idempotent.
 */
import 'reflect-metadata';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { settings } from '../config/settings';
import { SAMPLE_DATA_PROVIDERS } from '../domain/data-policy';
import { createDataSource } from './data-source';
import { DEMO_PASSWORD, DEMO_USERS, SAMPLE_SUBJECTS, sampleItemsFor } from './demo-data';
import { seedProductCatalogue } from './product-catalogue.seed';
import { CreditItemEntity, UserEntity } from './entities';
import { DataProviderEntity } from './entities';

export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

export async function seedDemoData(dataSource: DataSource): Promise<{ usersCreated: number }> {
  const users = dataSource.getRepository(UserEntity);
  const existing = new Set((await users.find({ select: { username: true } })).map((u) => u.username));
  const missing = DEMO_USERS.filter((u) => !existing.has(u.username));
  const passwordHash = missing.length ? await bcrypt.hash(DEMO_PASSWORD, 10) : '';
  for (const demo of missing) {
    await users.save(
      users.create({
        username: demo.username,
        displayName: demo.displayName,
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: new Date(),
        roles: demo.roles.map(([role, department]) => ({ role, department: department ?? null })),
      }),
    );
  }
  for (const subject of SAMPLE_SUBJECTS) {
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(CreditItemEntity)
      .values(sampleItemsFor(subject.subjectName).map((item) => ({ ...subject, ...item })))
      .orIgnore()
      .execute();
  }
  // P4, P4b, P4c: sample products and indicators
  await seedProductCatalogue(dataSource);
  // P5, P6: sample providers
  await dataSource
    .createQueryBuilder()
    .insert()
    .into(DataProviderEntity)
    .values(SAMPLE_DATA_PROVIDERS.map((p) => ({ ...p, channels: [...p.channels] })))
    .orIgnore()
    .execute();
  // P8, P9: sample clients
  return { usersCreated: missing.length };
}

async function main(): Promise<void> {
  const dataSource = await createDataSource().initialize();
  try {
    const applied = await migrate(dataSource);
    console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'schema up to date');
    if (settings().SEED_DEMO) {
      const { usersCreated } = await seedDemoData(dataSource);
      console.log(`demo users ready (${usersCreated} created), password: ${DEMO_PASSWORD}`);
    }
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error('database setup failed:', error);
    process.exit(1);
  });
}
