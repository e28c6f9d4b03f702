import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795306537273 implements MigrationInterface {
    name = 'InitialSchema1795306537273'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "archive_records" ("id" SERIAL NOT NULL, "process_id" character varying NOT NULL, "process_type" character varying NOT NULL, "documents" jsonb NOT NULL, "received_by" character varying NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "receipt_no" character varying NOT NULL, CONSTRAINT "uq_archive_records_process" UNIQUE ("process_id"), CONSTRAINT "PK_de997336e1be37bb674f1f2446b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" character varying NOT NULL, "action" character varying NOT NULL, "process_id" character varying, "task_id" character varying, "detail" jsonb NOT NULL DEFAULT '{}', "prev_hash" character varying NOT NULL, "hash" character varying NOT NULL, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "credit_items" ("id" SERIAL NOT NULL, "subject_code" character varying NOT NULL, "subject_name" character varying NOT NULL, "item_name" character varying NOT NULL, "provider_name" character varying NOT NULL, "base_value" text, "credit_value" text, "objection_process_id" character varying, "disclosed" boolean NOT NULL DEFAULT true, "deleted_at" TIMESTAMP WITH TIME ZONE, "annotation" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_credit_items_subject_item" UNIQUE ("subject_code", "item_name"), CONSTRAINT "PK_03f6546bef6bacdecf05465f5dd" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "notices" ("id" SERIAL NOT NULL, "recipient" character varying NOT NULL, "kind" character varying NOT NULL, "title" character varying NOT NULL, "body" text NOT NULL DEFAULT '', "process_id" character varying, "task_id" character varying, "dedupe_key" character varying NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_notices_once" UNIQUE ("recipient", "dedupe_key"), CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_notices_recipient" ON "notices" ("recipient", "read_at") `);
        await queryRunner.query(`CREATE TABLE "processes" ("process_id" character varying NOT NULL, "process_type" character varying NOT NULL, "policy" character varying, "status" character varying NOT NULL DEFAULT 'running', "outcome" character varying, "business_status" character varying NOT NULL DEFAULT 'started', "title" character varying NOT NULL DEFAULT '', "started_by" character varying NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "due_at" TIMESTAMP WITH TIME ZONE, "due_provisional" boolean NOT NULL DEFAULT false, "sla_breached" boolean NOT NULL DEFAULT false, "parent_id" character varying, "idempotency_key" character varying, "input" jsonb NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "uq_processes_idempotency_key" UNIQUE ("started_by", "idempotency_key"), CONSTRAINT "PK_05a7e20b91ca89f278b6f091f8b" PRIMARY KEY ("process_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_processes_type_status" ON "processes" ("process_type", "status") `);
        await queryRunner.query(`CREATE TABLE "tasks" ("task_id" character varying NOT NULL, "process_id" character varying NOT NULL, "root_process_id" character varying NOT NULL, "process_type" character varying NOT NULL, "step" character varying NOT NULL, "round" integer NOT NULL, "title" character varying NOT NULL, "candidate_roles" text array NOT NULL, "excluded_users" text array NOT NULL DEFAULT '{}', "decisions" jsonb NOT NULL, "reason_required" jsonb NOT NULL DEFAULT '[]', "form_key" character varying, "prefill" jsonb NOT NULL DEFAULT '{}', "status" character varying NOT NULL DEFAULT 'open', "assignee" character varying, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "due_provisional" boolean NOT NULL DEFAULT false, "expires" boolean NOT NULL DEFAULT false, "escalated_at" TIMESTAMP WITH TIME ZONE, "completed_by" character varying, "completed_at" TIMESTAMP WITH TIME ZONE, "accepted_at" TIMESTAMP WITH TIME ZONE, "decision" character varying, "comment" text, "data" jsonb, CONSTRAINT "PK_3feca00d238e5cf50185fab8d46" PRIMARY KEY ("task_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_tasks_process" ON "tasks" ("process_id") `);
        await queryRunner.query(`CREATE INDEX "ix_tasks_status_due" ON "tasks" ("status", "due_at") `);
        await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying NOT NULL, "display_name" character varying NOT NULL, "password_hash" character varying NOT NULL, "must_change_password" boolean NOT NULL DEFAULT false, "password_changed_at" TIMESTAMP WITH TIME ZONE, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_users_username" UNIQUE ("username"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "user_roles" ("id" SERIAL NOT NULL, "user_id" uuid NOT NULL, "role" character varying NOT NULL, "department" character varying, CONSTRAINT "uq_user_roles_grant" UNIQUE NULLS NOT DISTINCT ("user_id", "role", "department"), CONSTRAINT "PK_8acd5cf26ebd158416f477de799" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "user_roles" ADD CONSTRAINT "FK_87b8888186ca9769c960e926870" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "user_roles" DROP CONSTRAINT "FK_87b8888186ca9769c960e926870"`);
        await queryRunner.query(`DROP TABLE "user_roles"`);
        await queryRunner.query(`DROP TABLE "users"`);
        await queryRunner.query(`DROP INDEX "public"."ix_tasks_status_due"`);
        await queryRunner.query(`DROP INDEX "public"."ix_tasks_process"`);
        await queryRunner.query(`DROP TABLE "tasks"`);
        await queryRunner.query(`DROP INDEX "public"."ix_processes_type_status"`);
        await queryRunner.query(`DROP TABLE "processes"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notices_recipient"`);
        await queryRunner.query(`DROP TABLE "notices"`);
        await queryRunner.query(`DROP TABLE "credit_items"`);
        await queryRunner.query(`DROP TABLE "audit_log"`);
        await queryRunner.query(`DROP TABLE "archive_records"`);
    }

}
