import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes TypeORM's decorators cannot express: the inbox filters tasks by role overlap. */
export class InboxIndexes1795400000000 implements MigrationInterface {
  name = 'InboxIndexes1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_tasks_candidate_roles" ON "tasks" USING GIN ("candidate_roles")`);
    await queryRunner.query(`CREATE INDEX "ix_tasks_completed_by" ON "tasks" ("completed_by") WHERE "completed_by" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_processes_started_at" ON "processes" ("started_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_processes_started_at"`);
    await queryRunner.query(`DROP INDEX "ix_tasks_completed_by"`);
    await queryRunner.query(`DROP INDEX "ix_tasks_candidate_roles"`);
  }
}
