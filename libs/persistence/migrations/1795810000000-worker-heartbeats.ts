import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Worker liveness: every worker process upserts its row every few seconds (WORKER_HEARTBEAT_MS,
 * default 5000) with the state of its Temporal worker; `/api/health` reads the newest row of its
 * task queue. Times are the database's own clock, so API and worker hosts need not agree.
 */
export class WorkerHeartbeats1795810000000 implements MigrationInterface {
  name = 'WorkerHeartbeats1795810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "worker_heartbeats" ("worker_id" character varying NOT NULL, "task_queue" character varying NOT NULL, "host" character varying NOT NULL, "pid" integer NOT NULL, "state" character varying NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "beat_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "restarts" integer NOT NULL DEFAULT 0, "last_error" text, CONSTRAINT "pk_worker_heartbeats" PRIMARY KEY ("worker_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_worker_heartbeats_queue_beat" ON "worker_heartbeats" ("task_queue", "beat_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "worker_heartbeats"`);
  }
}
