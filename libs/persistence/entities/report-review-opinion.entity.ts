import { Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ReportVersionEntity } from './report-version.entity';
import { Int, Text, Timestamp, Varchar } from '../columns';

/** One level's opinion on one version (报告评审意见书 001 附件17, 方案评审意见书 附件18). */
@Entity('report_review_opinions')
@Unique('uq_report_review_opinions_version_step', ['reportVersionId', 'step'])
export class ReportReviewOpinionEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_report_review_opinions' })
  id!: number;

  @Int('report_version_id') reportVersionId!: number;

  @ManyToOne(() => ReportVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_version_id', foreignKeyConstraintName: 'fk_report_review_opinions_version' })
  reportVersion!: ReportVersionEntity;

  @Varchar() step!: string;

  @Int() level!: number;

  @Varchar() reviewer!: string;

  /** `approve` | `reject`. */
  @Varchar() decision!: string;

  @Text() opinion!: string;

  @Text('review_situation', { nullable: true }) reviewSituation!: string | null;

  @Timestamp('decided_at') decidedAt!: Date;
}
