import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business statuses once written as Chinese words or computed strings become the vocabulary's
 * keys (libs/procedures/*.vocabulary.ts), so every case shows a label. The pairs are frozen here
 * as this release renamed them; libs/procedures/vocabulary.ts LEGACY_STATUS_KEYS lists the same.
 */
export const RENAMED_STATUSES_1795810000000: ReadonlyArray<readonly [string, string]> = [
  ['异议处理中', 'marked'],
  ['逾期未回复', 'provider-overdue'],
];

export class VocabularyStatusKeys1795810000000 implements MigrationInterface {
  name = 'VocabularyStatusKeys1795810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [from, to] of RENAMED_STATUSES_1795810000000) {
      await queryRunner.query(`UPDATE processes SET business_status = $2 WHERE business_status = $1`, [from, to]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [from, to] of RENAMED_STATUSES_1795810000000) {
      await queryRunner.query(`UPDATE processes SET business_status = $1 WHERE business_status = $2`, [from, to]);
    }
  }
}
