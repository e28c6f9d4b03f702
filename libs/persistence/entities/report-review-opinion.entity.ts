import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ReportVersionEntity } from './report-version.entity';

/** One level's opinion on one version (报告评审意见书 001 附件17, 方案评审意见书 附件18). */
@Entity('report_review_opinions')
@Unique('uq_report_review_opinions_version_step', ['reportVersionId', 'step'])
export class ReportReviewOpinionEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_report_review_opinions' })
  id!: number;

  @Column({ name: 'report_version_id' })
  reportVersionId!: number;

  @ManyToOne(() => ReportVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_version_id', foreignKeyConstraintName: 'fk_report_review_opinions_version' })
  reportVersion!: ReportVersionEntity;

  @Column()
  step!: string;

  @Column({ type: 'int' })
  level!: number;

  @Column()
  reviewer!: string;

  /** `approve` | `reject`. */
  @Column()
  decision!: string;

  @Column({ type: 'text' })
  opinion!: string;

  @Column({ name: 'review_situation', type: 'text', nullable: true })
  reviewSituation!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
