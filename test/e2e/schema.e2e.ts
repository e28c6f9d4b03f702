/** The migrations build exactly the schema the entities describe: no drift, no synchronize. */
import { openTestDatabase } from '../support/database';

it('leaves nothing for TypeORM to synchronize after the migrations', async () => {
  const dataSource = await openTestDatabase();
  try {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  } finally {
    await dataSource.destroy();
  }
});
