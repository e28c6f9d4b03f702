import { MigrationInterface, QueryRunner } from 'typeorm';

/** Access tokens carry the user's token version; a password change or a disable increments it, so old tokens stop working. */
export class UserTokenVersion1796000000000 implements MigrationInterface {
  name = 'UserTokenVersion1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}
