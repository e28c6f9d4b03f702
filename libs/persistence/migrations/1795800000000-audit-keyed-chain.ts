import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keyed audit chain (libs/persistence/audit-log.ts):
 *  - audit_log.version: 1 for the rows written before this migration (unkeyed SHA-256, verified as
 *    they were, never re-hashed), 2 for HMAC rows from now on;
 *  - audit_chain_head: the one row every append updates (its row lock serialises appends, it hands
 *    out dense ids and holds the previous hash); chain_id names this chain in the signed
 *    checkpoints and is covered by every keyed row's HMAC;
 *  - pgcrypto for hmac() inside the append statement;
 *  - case_reads: reads of a case through the workflow API, plain append-only, outside the chain;
 *  - indexes for the per-case lookups (history's claims, the decision cross-check).
 */
export class AuditKeyedChain1795800000000 implements MigrationInterface {
  name = 'AuditKeyedChain1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "version" smallint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "version" SET DEFAULT 2`);
    await queryRunner.query(
      `CREATE TABLE "audit_chain_head" ("id" smallint PRIMARY KEY CHECK ("id" = 1), "chain_id" uuid NOT NULL, "last_id" bigint NOT NULL, "row_count" bigint NOT NULL, "prev_hash" character varying NOT NULL, "hash" character varying NOT NULL, "keyed_from" bigint NOT NULL)`,
    );
    await queryRunner.query(`LOCK TABLE "audit_log" IN EXCLUSIVE MODE`);
    await queryRunner.query(
      `INSERT INTO "audit_chain_head" ("id", "chain_id", "last_id", "row_count", "prev_hash", "hash", "keyed_from")
       SELECT 1, gen_random_uuid(), coalesce(max("id"), 0), count(*), '', coalesce((SELECT "hash" FROM "audit_log" ORDER BY "id" DESC LIMIT 1), repeat('0', 64)), coalesce(max("id"), 0) + 1
         FROM "audit_log"`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_log_process_action" ON "audit_log" ("process_id", "action") WHERE "process_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_task_action" ON "audit_log" ("task_id", "action") WHERE "task_id" IS NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "case_reads" ("id" BIGSERIAL PRIMARY KEY, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" character varying NOT NULL, "process_id" character varying, "read" character varying NOT NULL, "detail" jsonb NOT NULL DEFAULT '{}')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_reads_process" ON "case_reads" ("process_id", "at") WHERE "process_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_case_reads_actor" ON "case_reads" ("actor", "at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_reads"`);
    await queryRunner.query(`DROP INDEX "ix_audit_log_task_action"`);
    await queryRunner.query(`DROP INDEX "ix_audit_log_process_action"`);
    await queryRunner.query(`DROP TABLE "audit_chain_head"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "version"`);
  }
}
