import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P8 investigation report and P9 value-added service: orders, their investigation tasks or
 * projects, report/plan/product versions and each review level's opinion. Also the task
 * projection's `candidate_users` (a step only the named person may take, e.g. the project manager).
 */
export class OrdersAndReports1795700000000 implements MigrationInterface {
  name = 'OrdersAndReports1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" ADD "candidate_users" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" SERIAL NOT NULL, "process_id" character varying NOT NULL, "order_no" character varying NOT NULL, "service" character varying NOT NULL, "product_type" character varying NOT NULL, "client_name" character varying NOT NULL, "client_id_no" character varying NOT NULL, "contact_name" character varying NOT NULL, "contact_phone" character varying NOT NULL, "subjects" jsonb NOT NULL, "amount" bigint NOT NULL, "state" character varying NOT NULL, "state_reason" text, "marketer" character varying, "contract_no" character varying, "contract_signed_at" TIMESTAMP WITH TIME ZONE, "contract_approved_by" text array NOT NULL DEFAULT '{}', "paid_at" TIMESTAMP WITH TIME ZONE, "payment_ref" character varying, "amount_received" bigint, "delivered_at" TIMESTAMP WITH TIME ZONE, "delivered_by" character varying, "delivery_method" character varying, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_orders_order_no" UNIQUE ("order_no"), CONSTRAINT "uq_orders_process" UNIQUE ("process_id"), CONSTRAINT "pk_orders" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "order_tasks" ("id" SERIAL NOT NULL, "order_id" integer NOT NULL, "task_no" integer NOT NULL, "process_id" character varying NOT NULL, "title" character varying NOT NULL, "target_name" character varying NOT NULL, "target_code" character varying, "project_manager" character varying NOT NULL, "members" text array NOT NULL, "review_level" integer NOT NULL, "state" character varying NOT NULL, "due_in_working_days" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "passed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_order_tasks_process" UNIQUE ("process_id"), CONSTRAINT "uq_order_tasks_order_task_no" UNIQUE ("order_id", "task_no"), CONSTRAINT "pk_order_tasks" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_versions" ("id" SERIAL NOT NULL, "order_task_id" integer NOT NULL, "kind" character varying NOT NULL, "version" integer NOT NULL, "document_no" character varying NOT NULL, "title" character varying NOT NULL, "file_ref" character varying NOT NULL, "data_ref" character varying, "summary" text, "uploaded_by" character varying NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying NOT NULL DEFAULT 'submitted', CONSTRAINT "uq_report_versions_task_kind_version" UNIQUE ("order_task_id", "kind", "version"), CONSTRAINT "pk_report_versions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_review_opinions" ("id" SERIAL NOT NULL, "report_version_id" integer NOT NULL, "step" character varying NOT NULL, "level" integer NOT NULL, "reviewer" character varying NOT NULL, "decision" character varying NOT NULL, "opinion" text NOT NULL, "review_situation" text, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_report_review_opinions_version_step" UNIQUE ("report_version_id", "step"), CONSTRAINT "pk_report_review_opinions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "order_tasks" ADD CONSTRAINT "fk_order_tasks_order" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "report_versions" ADD CONSTRAINT "fk_report_versions_order_task" FOREIGN KEY ("order_task_id") REFERENCES "order_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "report_review_opinions" ADD CONSTRAINT "fk_report_review_opinions_version" FOREIGN KEY ("report_version_id") REFERENCES "report_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "report_review_opinions"`);
    await queryRunner.query(`DROP TABLE "report_versions"`);
    await queryRunner.query(`DROP TABLE "order_tasks"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "candidate_users"`);
  }
}
