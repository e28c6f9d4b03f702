/**
 * Brings a database to the current schema (migrations, never synchronize) and, unless
 * SEED_DEMO=false, creates the demo users and sample credit data. Idempotent.
 */
import 'reflect-metadata';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { auditKey } from './audit-key';
import { settings } from '../config/settings';
import { createDataSource } from './data-source';
import { DEMO_PASSWORD, DEMO_USERS, SAMPLE_PERSONS, SAMPLE_SUBJECTS, sampleItemsFor, samplePersonItems } from './demo-data';
import { PROCEDURE_SEEDS } from '../procedures/registry';
import { CreditItemEntity, UserEntity } from './entities';

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
  const sampleItems = [
    ...SAMPLE_SUBJECTS.flatMap((subject) => sampleItemsFor(subject.subjectName).map((item) => ({ ...subject, ...item }))),
    ...SAMPLE_PERSONS.flatMap((person) => samplePersonItems().map((item) => ({ ...person, ...item }))),
  ];
  await dataSource.createQueryBuilder().insert().into(CreditItemEntity).values(sampleItems).orIgnore().execute();
  for (const seed of PROCEDURE_SEEDS) await seed(dataSource);
  return { usersCreated: missing.length };
}

async function main(): Promise<void> {
  auditKey(); // fail here, before anything listens, when the audit key is missing or too short
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
