/** The test database (DATABASE_URL, made fresh by `npm test`), migrated and seeded like the real one. */
import { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/persistence/data-source';
import { sampleItemsFor, uscc } from '../../libs/persistence/demo-data';
import { CreditItemEntity } from '../../libs/persistence/entities';
import { migrate, seedDemoData } from '../../libs/persistence/setup-database';

export async function openTestDatabase(): Promise<DataSource> {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set: run the tests with `npm test`');
  const dataSource = await createDataSource().initialize();
  await migrate(dataSource);
  await seedDemoData(dataSource);
  return dataSource;
}

let subjectCounter = 0;

/** A subject of its own for one test, so cases never share a credit item. */
export async function createTestSubject(dataSource: DataSource): Promise<{ subjectName: string; subjectCode: string }> {
  subjectCounter += 1;
  const serial = `${process.pid % 10000}`.padStart(4, '0') + `${Date.now() % 100000}`.padStart(5, '0') + `${subjectCounter % 100}`.padStart(2, '0');
  const subject = { subjectName: `测试主体${serial}有限公司`, subjectCode: uscc(`914201${serial}`.slice(0, 17)) };
  await dataSource.getRepository(CreditItemEntity).insert(sampleItemsFor(subject.subjectName).map((item) => ({ ...subject, ...item })));
  return subject;
}

export async function creditItem(dataSource: DataSource, subjectCode: string, itemName: string): Promise<CreditItemEntity> {
  return dataSource.getRepository(CreditItemEntity).findOneByOrFail({ subjectCode, itemName });
}
