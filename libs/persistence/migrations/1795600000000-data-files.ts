import { MigrationInterface, QueryRunner } from 'typeorm';

/** P5, P6: data providers, data files, import batches, load error registers, open-channel entries. */
export class DataFiles1795600000000 implements MigrationInterface {
  name = 'DataFiles1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "data_providers" ("id" SERIAL NOT NULL, "name" character varying NOT NULL, "agreement_no" character varying, "channels" text array NOT NULL DEFAULT '{}', "update_cycle" character varying, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "uq_data_providers_name" UNIQUE ("name"), CONSTRAINT "pk_data_providers" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "data_files" ("id" SERIAL NOT NULL, "process_id" character varying NOT NULL, "version" integer NOT NULL, "channel" character varying NOT NULL, "provider_name" character varying NOT NULL, "file_name" character varying NOT NULL, "register_no" character varying, "records_declared" integer NOT NULL, "records_received" integer NOT NULL, "status" character varying NOT NULL DEFAULT 'registered', "records" jsonb NOT NULL, "registered_by" character varying NOT NULL, "entered_by" character varying, "witnessed_by" character varying, "received_by" character varying, "unpacked_by" character varying, "unpack_supervised_by" character varying, "error_notice" jsonb, "disc_no" character varying, "storage_location" character varying, "stored_by" character varying, "store_supervised_by" character varying, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE, "stored_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_data_files_process_version" UNIQUE ("process_id", "version"), CONSTRAINT "pk_data_files" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "data_import_batches" ("id" SERIAL NOT NULL, "process_id" character varying NOT NULL, "file_id" integer NOT NULL, "register_no" character varying NOT NULL, "status" character varying NOT NULL DEFAULT 'approved', "records_total" integer NOT NULL, "records_in" integer NOT NULL DEFAULT '0', "records_rejected" integer NOT NULL DEFAULT '0', "records_loaded" integer NOT NULL DEFAULT '0', "records_excluded" integer NOT NULL DEFAULT '0', "load_attempts" integer NOT NULL DEFAULT '0', "rows" jsonb NOT NULL, "registered_by" character varying NOT NULL, "register_supervised_by" character varying NOT NULL, "approved_by" character varying NOT NULL, "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL, "imported_by" character varying, "imported_at" TIMESTAMP WITH TIME ZONE, "error_notice" jsonb, "loaded_by" character varying, "authorised_by" character varying, "loaded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_data_import_batches_process" UNIQUE ("process_id"), CONSTRAINT "pk_data_import_batches" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "data_load_errors" ("id" SERIAL NOT NULL, "batch_id" integer NOT NULL, "attempt" integer NOT NULL, "error_file_name" character varying NOT NULL, "records" integer NOT NULL, "cause" text NOT NULL, "remedy" text NOT NULL, "resolution" character varying NOT NULL, "rows" jsonb NOT NULL, "registered_by" character varying NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_data_load_errors_batch_attempt" UNIQUE ("batch_id", "attempt"), CONSTRAINT "pk_data_load_errors" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "data_open_entries" ("id" SERIAL NOT NULL, "process_id" character varying NOT NULL, "seq" integer NOT NULL, "collected_on" date NOT NULL, "item_name" character varying NOT NULL, "source" character varying NOT NULL, "address" character varying NOT NULL, "published_on" date NOT NULL, "records" integer NOT NULL, "rows" jsonb NOT NULL, "entered_by" character varying NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_data_open_entries_process_seq" UNIQUE ("process_id", "seq"), CONSTRAINT "pk_data_open_entries" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "data_open_entries"`);
    await queryRunner.query(`DROP TABLE "data_load_errors"`);
    await queryRunner.query(`DROP TABLE "data_import_batches"`);
    await queryRunner.query(`DROP TABLE "data_files"`);
    await queryRunner.query(`DROP TABLE "data_providers"`);
  }
}
