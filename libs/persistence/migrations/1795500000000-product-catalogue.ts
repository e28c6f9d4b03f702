import { MigrationInterface, QueryRunner } from 'typeorm';

/** P4, P4b, P4c: the product and indicator catalogues (development and production), links, test runs, change log. */
export class ProductCatalogue1795500000000 implements MigrationInterface {
  name = 'ProductCatalogue1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "products" ("id" SERIAL NOT NULL, "environment" character varying NOT NULL, "code" character varying NOT NULL, "name" character varying NOT NULL, "product_type" character varying NOT NULL, "status" character varying NOT NULL, "version" integer NOT NULL DEFAULT '1', "definition" jsonb NOT NULL DEFAULT '{}', "last_process_id" character varying, "changed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_products_environment_code" UNIQUE ("environment", "code"), CONSTRAINT "pk_products" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "indicators" ("id" SERIAL NOT NULL, "environment" character varying NOT NULL, "code" character varying NOT NULL, "name" character varying NOT NULL, "items" jsonb NOT NULL DEFAULT '[]', "data_source" character varying, "status" character varying NOT NULL DEFAULT 'active', "version" integer NOT NULL DEFAULT '1', "last_process_id" character varying, "changed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_indicators_environment_code" UNIQUE ("environment", "code"), CONSTRAINT "pk_indicators" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "product_indicators" ("id" SERIAL NOT NULL, "environment" character varying NOT NULL, "product_code" character varying NOT NULL, "indicator_code" character varying NOT NULL, CONSTRAINT "uq_product_indicators_link" UNIQUE ("environment", "product_code", "indicator_code"), CONSTRAINT "pk_product_indicators" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_product_indicators_indicator" ON "product_indicators" ("environment", "indicator_code")`);
    await queryRunner.query(
      `CREATE TABLE "product_test_runs" ("id" SERIAL NOT NULL, "process_id" character varying NOT NULL, "subject" character varying NOT NULL, "code" character varying NOT NULL, "round" integer NOT NULL, "result" character varying NOT NULL, "report" jsonb NOT NULL DEFAULT '{}', "tested_by" character varying NOT NULL, "tested_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_product_test_runs_round" UNIQUE ("process_id", "round"), CONSTRAINT "pk_product_test_runs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "product_catalogue_changes" ("id" SERIAL NOT NULL, "process_id" character varying NOT NULL, "catalogue" character varying NOT NULL, "environment" character varying NOT NULL, "code" character varying NOT NULL, "operation" character varying NOT NULL, "round" integer NOT NULL DEFAULT '1', "version" integer NOT NULL, "changed_by" character varying NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_product_catalogue_changes_once" UNIQUE ("process_id", "catalogue", "environment", "code", "operation", "round"), CONSTRAINT "pk_product_catalogue_changes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_product_catalogue_changes_code" ON "product_catalogue_changes" ("catalogue", "code")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_product_catalogue_changes_code"`);
    await queryRunner.query(`DROP TABLE "product_catalogue_changes"`);
    await queryRunner.query(`DROP TABLE "product_test_runs"`);
    await queryRunner.query(`DROP INDEX "public"."ix_product_indicators_indicator"`);
    await queryRunner.query(`DROP TABLE "product_indicators"`);
    await queryRunner.query(`DROP TABLE "indicators"`);
    await queryRunner.query(`DROP TABLE "products"`);
  }
}
